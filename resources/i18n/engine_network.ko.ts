<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Declarations</name>
    <message>
        <source>Neural network (MLP)</source>
        <translation>신경망 (MLP)</translation>
    </message>
    <message>
        <source>mean over rows of −log softmax(MLP_θ(x))[label]</source>
        <translation>행에 대한 평균: −log softmax(MLP_θ(x))[label]</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>{key}: unknown init {value} (known: {known})</source>
        <translation>{key}: 알 수 없는 초기화 {value} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>mlp: expected a table of rows × features, got shape {shape}</source>
        <translation>mlp: 행 × 특성의 표가 필요하지만 모양이 {shape}임</translation>
    </message>
    <message>
        <source>mlp: {labels} labels for {rows} rows</source>
        <translation>mlp: 행은 {rows}개인데 레이블은 {labels}개</translation>
    </message>
    <message>
        <source>mlp: the features must be finite numbers</source>
        <translation>mlp: 특성은 유한한 숫자여야 함</translation>
    </message>
    <message>
        <source>mlp: feature values up to {value} are too large (at most {limit}); rescale the data</source>
        <translation>mlp: 특성 값이 최대 {value}로 너무 큼 (최대 {limit}). 데이터의 크기를 조정할 것</translation>
    </message>
    <message>
        <source>{key}: unknown activation {value} (known: {known})</source>
        <translation>{key}: 알 수 없는 활성화 함수 {value} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>mlp: labels must be 0 … K−1 with K ≥ 2</source>
        <translation>mlp: 레이블은 0 … K−1 (K ≥ 2)이어야 함</translation>
    </message>
    <message>
        <source>objective.holdout: {holdout} of {n} rows leaves {held} held out and {train} to train on; both need at least one row</source>
        <translation>objective.holdout: 행 {n}개 중 {holdout}을(를) 떼어 두면 검증 행이 {held}개, 훈련 행이 {train}개입니다. 둘 다 적어도 한 행이 필요합니다</translation>
    </message>
    <message>
        <source>hidden: {count} parameters is too many (at most {limit})</source>
        <translation>hidden: 파라미터 {count}개는 너무 많음 (최대 {limit}개)</translation>
    </message>
    <message>
        <source>mlp: a network&apos;s loss has no grid over two coordinates; use engine.landscape</source>
        <translation>mlp: 신경망의 손실에는 두 좌표 위의 격자가 없음. engine.landscape를 사용할 것</translation>
    </message>
    <message>
        <source>objective: unknown mlp setting {key} (known: {known})</source>
        <translation>objective: 알 수 없는 mlp 설정 {key} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>{key}: expected a column name, got {value}</source>
        <translation>{key}: 열 이름이 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>objective.hidden: expected a list of layer widths, whole numbers from 1 to {limit} such as [100, 100], got {value}</source>
        <translation>objective.hidden: 층 너비의 목록([100, 100]처럼 1부터 {limit}까지의 정수)이 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>objective.hidden: at most {limit} hidden layers, got {count}</source>
        <translation>objective.hidden: 은닉층은 최대 {limit}개인데 {count}개임</translation>
    </message>
    <message>
        <source>objective.init_seed: expected a whole number from {low} to {high}, got {value}</source>
        <translation>objective.init_seed: {low}부터 {high}까지의 정수가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>objective.standardize: expected true or false, got {value}</source>
        <translation>objective.standardize: true 또는 false가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>objective.holdout: expected a fraction from 0 up to (not including) 1 of the rows to hold out for test accuracy, such as 0.2, got {value}</source>
        <translation>objective.holdout: 테스트 정확도를 위해 떼어 둘 행의 비율로 0 이상 1 미만의 값(예: 0.2)이 필요한데 {value}입니다</translation>
    </message>
    <message>
        <source>objective.{key}: a synthetic data set and a csv exclude each other</source>
        <translation>objective.{key}: 합성 데이터셋과 csv는 함께 쓸 수 없음</translation>
    </message>
    <message>
        <source>objective.csv: expected a file path</source>
        <translation>objective.csv: 파일 경로가 필요함</translation>
    </message>
    <message>
        <source>objective.data: unknown synthetic data set {name} for {objective} (known: {known})</source>
        <translation>objective.data: {objective}에 없는 합성 데이터셋 {name} (가능한 값: {known})</translation>
    </message>
</context>
</TS>
