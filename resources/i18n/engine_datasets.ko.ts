<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Data</name>
    <message>
        <source>objective.data: unknown synthetic data set {name} for {objective} (known: {known})</source>
        <translation>objective.data: {objective}에 없는 합성 데이터셋 {name} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>{file}: no column {column} for {key} (columns: {columns})</source>
        <translation>{file}: {key}에 지정한 열 {column}이(가) 없음 (열: {columns})</translation>
    </message>
    <message>
        <source>{file}: no data rows after the header</source>
        <translation>{file}: 머리글 다음에 데이터 행이 없음</translation>
    </message>
    <message>
        <source>{file}: row {row} has {fields} fields, the header has {header}</source>
        <translation>{file}: {row}행의 필드는 {fields}개인데 머리글은 {header}개</translation>
    </message>
    <message>
        <source>{file}: row {row}, column {column}: {text} is not a number</source>
        <translation>{file}: {row}행, {column} 열: {text}은(는) 숫자가 아님</translation>
    </message>
    <message>
        <source>{file}: row {row}, column {column}: {text} is not a finite number</source>
        <translation>{file}: {row}행, {column} 열: {text}은(는) 유한한 숫자가 아님</translation>
    </message>
    <message>
        <source>CSV file not found: {path}</source>
        <translation>CSV 파일을 찾을 수 없음: {path}</translation>
    </message>
    <message>
        <source>cannot read CSV file {path}: {reason}</source>
        <translation>CSV 파일 {path}을(를) 읽을 수 없음: {reason}</translation>
    </message>
    <message>
        <source>cannot read CSV file {path}: not a valid file name</source>
        <translation>CSV 파일 {path}을(를) 읽을 수 없음: 올바른 파일 이름이 아님</translation>
    </message>
    <message>
        <source>{path} is a folder, not a CSV file</source>
        <translation>{path}은(는) CSV 파일이 아니라 폴더임</translation>
    </message>
    <message>
        <source>{path} is not a regular file</source>
        <translation>{path}은(는) 일반 파일이 아님</translation>
    </message>
    <message>
        <source>at most {size} MiB</source>
        <translation>최대 {size} MiB</translation>
    </message>
    <message>
        <source>{file}: file too large ({size} MiB; {limit})</source>
        <translation>{file}: 파일이 너무 큼 ({size} MiB; {limit})</translation>
    </message>
    <message>
        <source>{file}: file too large ({limit})</source>
        <translation>{file}: 파일이 너무 큼 ({limit})</translation>
    </message>
    <message>
        <source>{file}: this is a binary file, not CSV text</source>
        <translation>{file}: CSV 텍스트가 아니라 바이너리 파일임</translation>
    </message>
    <message>
        <source>{file}: not UTF-8 text (byte {byte})</source>
        <translation>{file}: UTF-8 텍스트가 아님 ({byte}번째 바이트)</translation>
    </message>
    <message>
        <source>{file}: malformed CSV ({reason})</source>
        <translation>{file}: 잘못된 CSV 형식 ({reason})</translation>
    </message>
    <message>
        <source>{file}: the file is empty</source>
        <translation>{file}: 빈 파일임</translation>
    </message>
    <message>
        <source>{file}: too many rows ({count}; at most {limit})</source>
        <translation>{file}: 행이 너무 많음 ({count}개; 최대 {limit}개)</translation>
    </message>
    <message>
        <source>{file}: not a readable gzip file ({reason})</source>
        <translation>{file}: 읽을 수 있는 gzip 파일이 아님 ({reason})</translation>
    </message>
    <message>
        <source>{file}: unpacks to a file too large ({limit})</source>
        <translation>{file}: 압축을 풀면 파일이 너무 큼 ({limit})</translation>
    </message>
    <message>
        <source>{file}: the label column {column} appears more than once in the header</source>
        <translation>{file}: 레이블 열 {column}이(가) 머리글에 두 번 이상 나옴</translation>
    </message>
    <message>
        <source>{file}: no feature columns besides the label column {column}</source>
        <translation>{file}: 레이블 열 {column} 외에 특성 열이 없음</translation>
    </message>
    <message>
        <source>{file}: row {row}, column {column}: the label {text} is not a whole number ≥ 0 (labels are 0 … K−1)</source>
        <translation>{file}: {row}행, {column} 열: 레이블 {text}은(는) 0 이상의 정수가 아님 (레이블은 0 … K−1)</translation>
    </message>
    <message>
        <source>{file}: column {column}: every label is 0; a classifier needs at least two classes (labels 0 … K−1, K ≥ 2)</source>
        <translation>{file}: {column} 열: 모든 레이블이 0임. 분류기에는 클래스가 두 개 이상 필요함 (레이블 0 … K−1, K ≥ 2)</translation>
    </message>
    <message>
        <source>{file}: row {row}, column {column}: label {label} is too large (at most {limit}: labels are 0 … K−1, one output per class)</source>
        <translation>{file}: {row}행, {column} 열: 레이블 {label}이(가) 너무 큼 (최대 {limit}: 레이블은 0 … K−1, 클래스마다 출력 하나)</translation>
    </message>
</context>
<context>
    <name>Declarations</name>
    <message>
        <source>a line with noise</source>
        <translation>잡음이 섞인 직선</translation>
    </message>
    <message>
        <source>a line with outliers</source>
        <translation>이상치가 있는 직선</translation>
    </message>
    <message>
        <source>labels drawn from a sigmoid</source>
        <translation>시그모이드에서 뽑은 레이블</translation>
    </message>
    <message>
        <source>two classes overlapping</source>
        <translation>겹치는 두 클래스</translation>
    </message>
    <message>
        <source>two spirals</source>
        <translation>두 나선</translation>
    </message>
    <message>
        <source>two moons</source>
        <translation>두 반달</translation>
    </message>
    <message>
        <source>three blobs</source>
        <translation>세 덩어리</translation>
    </message>
</context>
</TS>
