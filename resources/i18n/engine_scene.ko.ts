<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Scene</name>
    <message>
        <source>every optimizer is disabled: enable at least one</source>
        <translation>모든 옵티마이저가 꺼져 있음: 하나 이상 켤 것</translation>
    </message>
    <message>
        <source>{path} is a folder, not a scene file</source>
        <translation>{path}은(는) 장면 파일이 아니라 폴더임</translation>
    </message>
    <message>
        <source>{file}: too large for a scene file ({size} bytes)</source>
        <translation>{file}: 장면 파일로는 너무 큼 ({size}바이트)</translation>
    </message>
    <message>
        <source>{file}: too large for a scene file (more than {limit} bytes)</source>
        <translation>{file}: 장면 파일로는 너무 큼 ({limit}바이트 초과)</translation>
    </message>
    <message>
        <source>scene file not found: {path}</source>
        <translation>장면 파일을 찾을 수 없음: {path}</translation>
    </message>
    <message>
        <source>cannot read scene file {path}: {reason}</source>
        <translation>장면 파일 {path}을(를) 읽을 수 없음: {reason}</translation>
    </message>
    <message>
        <source>cannot read scene file {path}: not a valid file name</source>
        <translation>장면 파일 {path}을(를) 읽을 수 없음: 올바른 파일 이름이 아님</translation>
    </message>
    <message>
        <source>{file}: not a text file (scene files are UTF-8 JSON)</source>
        <translation>{file}: 텍스트 파일이 아님 (장면 파일은 UTF-8 JSON)</translation>
    </message>
    <message>
        <source>invalid JSON at line {line}, column {column}: {reason}</source>
        <translation>잘못된 JSON ({line}줄, {column}열): {reason}</translation>
    </message>
    <message>
        <source>invalid JSON: nested too deeply</source>
        <translation>잘못된 JSON: 너무 깊게 중첩됨</translation>
    </message>
    <message>
        <source>invalid JSON: a number has too many digits</source>
        <translation>잘못된 JSON: 숫자의 자릿수가 너무 많음</translation>
    </message>
    <message>
        <source>invalid JSON: {name} is not allowed</source>
        <translation>잘못된 JSON: {name}은(는) 쓸 수 없음</translation>
    </message>
    <message>
        <source>a scene must be a JSON object</source>
        <translation>장면은 JSON 객체여야 함</translation>
    </message>
    <message>
        <source>unknown key {key} (known: {known})</source>
        <translation>알 수 없는 키 {key} (가능한 키: {known})</translation>
    </message>
    <message>
        <source>missing key &apos;version&apos; (this program reads version 1)</source>
        <translation>키 &apos;version&apos;이 없음 (이 프로그램은 버전 1을 읽음)</translation>
    </message>
    <message>
        <source>version: {value} is not supported (this program reads version 1)</source>
        <translation>version: {value}은(는) 지원하지 않음 (이 프로그램은 버전 1을 읽음)</translation>
    </message>
    <message>
        <source>missing key {key}</source>
        <translation>키 {key}가 없음</translation>
    </message>
    <message>
        <source>objective: expected an object with a {key}, such as {example}</source>
        <translation>objective: {example}처럼 {key}가 있는 객체가 필요함</translation>
    </message>
    <message>
        <source>objective.name: unknown objective {name} (known: {known})</source>
        <translation>objective.name: 알 수 없는 목적 함수 {name} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>start: a network scene has no start: every run starts from the network&apos;s initial weights (the objective&apos;s init and init_seed)</source>
        <translation>start: 신경망 장면에는 시작점이 없음: 모든 실행은 신경망의 초기 가중치(objective의 init과 init_seed)에서 시작함</translation>
    </message>
    <message>
        <source>{key}: not available for a network objective (its maps are over 2-D runs)</source>
        <translation>{key}: 신경망 목적 함수에서는 쓸 수 없음 (이 지도는 2차원 실행용)</translation>
    </message>
    <message>
        <source>start: expected two finite numbers [x, y], got {value}</source>
        <translation>start: 유한한 숫자 두 개 [x, y]가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>optimizers: expected a non-empty list such as {example}</source>
        <translation>optimizers: {example} 같은 비어 있지 않은 목록이 필요함</translation>
    </message>
    <message>
        <source>optimizers: at most {limit} runs, got {count}</source>
        <translation>optimizers: 실행은 최대 {limit}개인데 {count}개임</translation>
    </message>
    <message>
        <source>{where}: expected an object such as {example}</source>
        <translation>{where}: {example} 같은 객체가 필요함</translation>
    </message>
    <message>
        <source>{where}: missing key &apos;type&apos;</source>
        <translation>{where}: 키 &apos;type&apos;이 없음</translation>
    </message>
    <message>
        <source>{where}.label: expected non-empty text</source>
        <translation>{where}.label: 비어 있지 않은 텍스트가 필요함</translation>
    </message>
    <message>
        <source>{where}.label: duplicate label {label}</source>
        <translation>{where}.label: 이름 {label}이(가) 중복됨</translation>
    </message>
    <message>
        <source>{where}.color: expected a colour like {example}, got {value}</source>
        <translation>{where}.color: {example} 같은 색이 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}.enabled: expected true or false, got {value}</source>
        <translation>{where}.enabled: true 또는 false가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}: {char} is not valid Unicode text</source>
        <translation>{where}: {char}은(는) 올바른 유니코드 텍스트가 아님</translation>
    </message>
    <message>
        <source>{key}: expected text or an object such as {example}, got {value}</source>
        <translation>{key}: 텍스트 또는 {example} 같은 객체가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{key}.{code}: unknown language (known: {known})</source>
        <translation>{key}.{code}: 알 수 없는 언어 (가능한 값: {known})</translation>
    </message>
    <message>
        <source>{key}.{code}: expected text, got {value}</source>
        <translation>{key}.{code}: 텍스트가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{key}: missing key &apos;en&apos; (the English text, shown in every language the scene does not give)</source>
        <translation>{key}: 키 &apos;en&apos;이 없음 (영어 텍스트. 장면에 없는 언어에서는 이것을 보여 줌)</translation>
    </message>
    <message>
        <source>{key}: expected a whole number, got {value}</source>
        <translation>{key}: 정수가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{key}: {value} is out of range [{low}, {high}]</source>
        <translation>{key}: {value}은(는) 범위 [{low}, {high}] 밖임</translation>
    </message>
</context>
</TS>
