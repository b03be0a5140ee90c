<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>MLPSettings</name>
    <message>
        <source>hidden layers: at most {max} layers, got {n}</source>
        <translation>은닉층: 최대 {max}개 층, 입력 {n}개</translation>
    </message>
    <message>
        <source>hidden layers: layer {k} is {text}; expected a whole number of units, e.g. 100,100,100,100</source>
        <translation>은닉층: {k}번째 층이 {text}입니다; 유닛 수는 정수여야 합니다 (예: 100,100,100,100)</translation>
    </message>
    <message>
        <source>hidden layers: layer {k} has {n} units; expected 1 to {max}</source>
        <translation>은닉층: {k}번째 층의 유닛이 {n}개입니다; 1부터 {max}까지여야 합니다</translation>
    </message>
    <message>
        <source>Network and data</source>
        <translation>신경망과 데이터</translation>
    </message>
    <message>
        <source>Units of each hidden layer, comma-separated (the book&apos;s: 100,100,100,100)</source>
        <translation>각 은닉층의 유닛 수, 쉼표로 구분 (책의 설정: 100,100,100,100)</translation>
    </message>
    <message>
        <source>Seed of the initial weights (every run starts from the same ones)</source>
        <translation>초기 가중치의 시드 (모든 실행이 같은 가중치에서 시작)</translation>
    </message>
    <message>
        <source>The fraction of the rows kept out of training, to measure accuracy on rows the network never saw (0: train on every row)</source>
        <translation>훈련에서 떼어 두는 행의 비율: 신경망이 한 번도 보지 못한 행에서 정확도를 잽니다 (0: 모든 행으로 훈련)</translation>
    </message>
    <message>
        <source>standardise features</source>
        <translation>특성 표준화</translation>
    </message>
    <message>
        <source>(x − mean) / std for each feature column (the population std); a constant column becomes x − mean</source>
        <translation>특성 열마다 (x − 평균) / 표준편차 (모표준편차); 값이 일정한 열은 x − 평균이 됩니다</translation>
    </message>
    <message>
        <source>handwritten digits</source>
        <translation>손글씨 숫자</translation>
    </message>
    <message>
        <source>The UCI handwritten digits shipped with the program: 1,797 images of 8×8 pixels, labels 0–9</source>
        <translation>프로그램에 들어 있는 UCI 손글씨 숫자: 8×8 픽셀 이미지 1,797개, 레이블 0–9</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 파일</translation>
    </message>
    <message>
        <source>Load CSV…</source>
        <translation>CSV 불러오기…</translation>
    </message>
    <message>
        <source>Numeric feature columns and an integer label column 0 … K−1, with a header row</source>
        <translation>숫자 특성 열과 0 … K−1 정수 레이블 열, 머리글 행 포함</translation>
    </message>
    <message>
        <source>synthetic data</source>
        <translation>합성 데이터</translation>
    </message>
    <message>
        <source>A data set of two features made from a seed: the Data view then shows the network&apos;s decision map</source>
        <translation>시드로 만든 특성 2개짜리 데이터 세트: 데이터 보기에 신경망의 결정 경계가 나타납니다</translation>
    </message>
    <message>
        <source>Generated from the seed: two spirals (hard), two moons, three blobs (easy)</source>
        <translation>시드로 생성: 두 나선 (어려움), 두 반달, 세 덩어리 (쉬움)</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>행</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>노이즈</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Apply network</source>
        <translation>신경망 적용</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>은닉층</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>init</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>init seed</source>
        <translation>초기화 시드</translation>
    </message>
    <message>
        <source>held-out</source>
        <translation>검증 비율</translation>
    </message>
    <message>
        <source>data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>label column</source>
        <translation>레이블 열</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b7a1b&apos;&gt;✓ {n} hidden layer&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#1b7a1b&apos;&gt;✓ 은닉층 {n}개&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b7a1b&apos;&gt;✓ {n} hidden layers&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#1b7a1b&apos;&gt;✓ 은닉층 {n}개&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Network data: choose a CSV file first (Load CSV…)</source>
        <translation>신경망 데이터: 먼저 CSV 파일을 고르세요 (CSV 불러오기…)</translation>
    </message>
    <message>
        <source>Load CSV</source>
        <translation>CSV 불러오기</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.csv.gz);;All files (*)</source>
        <translation>CSV 파일 (*.csv *.csv.gz);;모든 파일 (*)</translation>
    </message>
</context>
</TS>
