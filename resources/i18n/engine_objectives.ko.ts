<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Declarations</name>
    <message>
        <source>Elongated bowl</source>
        <translation>길쭉한 그릇</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>안장</translation>
    </message>
    <message>
        <source>x²/2 + y⁴/4 − y²/2   (saddle at the origin, minima at (0, ±1))</source>
        <translation>x²/2 + y⁴/4 − y²/2   (원점에 안장점, (0, ±1)에 최소점)</translation>
    </message>
    <message>
        <source>Four wells (local minima)</source>
        <translation>네 우물 (국소 최솟값)</translation>
    </message>
    <message>
        <source>Plateau</source>
        <translation>고원</translation>
    </message>
    <message>
        <source>1 − exp(−(x² + 2y²)/2)   (almost flat far from the minimum)</source>
        <translation>1 − exp(−(x² + 2y²)/2)   (최소점에서 멀면 거의 평평함)</translation>
    </message>
    <message>
        <source>Formula f(x, y)</source>
        <translation>수식 f(x, y)</translation>
    </message>
    <message>
        <source>Linear regression (data)</source>
        <translation>선형 회귀 (데이터)</translation>
    </message>
    <message>
        <source>mean over rows of (w·x + b − y)²</source>
        <translation>행에 대한 평균: (w·x + b − y)²</translation>
    </message>
    <message>
        <source>Logistic regression (data)</source>
        <translation>로지스틱 회귀 (데이터)</translation>
    </message>
    <message>
        <source>mean over rows of −[y log σ(w·x + b) + (1 − y) log(1 − σ(w·x + b))]</source>
        <translation>행에 대한 평균: −[y log σ(w·x + b) + (1 − y) log(1 − σ(w·x + b))]</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>샘플 수</translation>
    </message>
    <message>
        <source>Number of synthetic data rows.</source>
        <translation>합성 데이터의 행 수.</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>잡음</translation>
    </message>
    <message>
        <source>Standard deviation of the noise added to the data.</source>
        <translation>데이터에 더하는 잡음의 표준편차.</translation>
    </message>
    <message>
        <source>data seed</source>
        <translation>데이터 시드</translation>
    </message>
    <message>
        <source>Seed of the synthetic data generator.</source>
        <translation>합성 데이터 생성기의 시드.</translation>
    </message>
    <message>
        <source>The minimum is at (a, a²).</source>
        <translation>최소점은 (a, a²)에 있습니다.</translation>
    </message>
    <message>
        <source>Steepness of the curved valley&apos;s walls.</source>
        <translation>휘어진 골짜기 벽의 가파른 정도.</translation>
    </message>
</context>
<context>
    <name>Objectives</name>
    <message>
        <source>{what}: {name} values up to {value} are too large (at most {limit}); rescale the data</source>
        <translation>{what}: {name} 값이 최대 {value}로 너무 큼 (최대 {limit}). 데이터의 크기를 조정할 것</translation>
    </message>
    <message>
        <source>linear regression needs at least 2 rows of data</source>
        <translation>선형 회귀에는 데이터가 2행 이상 필요함</translation>
    </message>
    <message>
        <source>linear regression</source>
        <translation>선형 회귀</translation>
    </message>
    <message>
        <source>logistic regression needs at least 2 rows of data</source>
        <translation>로지스틱 회귀에는 데이터가 2행 이상 필요함</translation>
    </message>
    <message>
        <source>logistic regression labels must be 0 or 1 (row {row} has {value})</source>
        <translation>로지스틱 회귀의 레이블은 0 또는 1이어야 함 ({row}행의 값: {value})</translation>
    </message>
    <message>
        <source>logistic regression</source>
        <translation>로지스틱 회귀</translation>
    </message>
    <message>
        <source>objective: expected an object such as {example}</source>
        <translation>objective: {example} 같은 객체가 필요함</translation>
    </message>
    <message>
        <source>objective: unknown name {name} (known: {known})</source>
        <translation>objective: 알 수 없는 이름 {name} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>objective: unknown formula setting {key} (known: {known})</source>
        <translation>objective: 알 수 없는 수식 설정 {key} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>objective: a formula needs an {key}, e.g. {example}</source>
        <translation>objective: 수식에는 {key}가 필요함. 예: {example}</translation>
    </message>
    <message>
        <source>objective: unknown setting {key} with a CSV (known: {known})</source>
        <translation>objective: CSV와 함께 쓸 수 없는 설정 {key} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>objective.csv: expected a file path</source>
        <translation>objective.csv: 파일 경로가 필요함</translation>
    </message>
    <message>
        <source>{key}: expected a column name, got {value}</source>
        <translation>{key}: 열 이름이 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>objective.bounds: expected four numbers [xmin, xmax, ymin, ymax]</source>
        <translation>objective.bounds: 숫자 네 개 [xmin, xmax, ymin, ymax]가 필요함</translation>
    </message>
    <message>
        <source>objective.bounds: need xmin &lt; xmax and ymin &lt; ymax, got {value}</source>
        <translation>objective.bounds: xmin &lt; xmax이고 ymin &lt; ymax여야 하지만 {value}임</translation>
    </message>
    <message>
        <source>objective.bounds: values beyond ±1e6</source>
        <translation>objective.bounds: 값이 ±1e6을 넘음</translation>
    </message>
</context>
</TS>
