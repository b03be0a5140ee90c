<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Declarations</name>
    <message>
        <source>count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>grid size</source>
        <translation>격자 크기</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>스텝 수</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>허용 오차</translation>
    </message>
</context>
<context>
    <name>Sweep</name>
    <message>
        <source>sweep: missing key &apos;x&apos; (the swept hyperparameter, such as {example})</source>
        <translation>sweep: 키 &apos;x&apos;가 없음 (스윕할 하이퍼파라미터. 예: {example})</translation>
    </message>
    <message>
        <source>sweep.runs: a 2-D sweep (with {key}) is over exactly one run; name it (the enabled runs are {names})</source>
        <translation>sweep.runs: 2차원 스윕({key} 포함)은 정확히 한 실행에 대해서만 가능함. 실행을 지정할 것 (켜진 실행: {names})</translation>
    </message>
    <message>
        <source>sweep.runs: a 2-D sweep (with {key}) is over exactly one run, got {count} ({names})</source>
        <translation>sweep.runs: 2차원 스윕({key} 포함)은 정확히 한 실행에 대해서만 가능하지만 {count}개임 ({names})</translation>
    </message>
    <message>
        <source>sweep.y.param: {param} is already swept along x; choose another hyperparameter</source>
        <translation>sweep.y.param: {param}은(는) 이미 x 방향으로 스윕함. 다른 하이퍼파라미터를 고를 것</translation>
    </message>
    <message>
        <source>basins: missing key &apos;grid&apos; (starts along x and y, such as [100, 100])</source>
        <translation>basins: 키 &apos;grid&apos;가 없음 (x, y 방향의 시작점 수. 예: [100, 100])</translation>
    </message>
    <message>
        <source>basins.grid: expected two whole numbers [nx, ny], got {value}</source>
        <translation>basins.grid: 정수 두 개 [nx, ny]가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>basins.bounds: expected four finite numbers [xmin, xmax, ymin, ymax], got {value}</source>
        <translation>basins.bounds: 유한한 숫자 네 개 [xmin, xmax, ymin, ymax]가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>basins.bounds: expected xmin &lt; xmax and ymin &lt; ymax, got {value}</source>
        <translation>basins.bounds: xmin &lt; xmax이고 ymin &lt; ymax여야 하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}: expected an object such as {example}, got {value}</source>
        <translation>{where}: {example} 같은 객체가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}: unknown key (known: {known})</source>
        <translation>{where}: 알 수 없는 키 (가능한 키: {known})</translation>
    </message>
    <message>
        <source>{where}.runs: every optimizer is disabled; name the runs to map</source>
        <translation>{where}.runs: 모든 옵티마이저가 꺼져 있음. 지도로 그릴 실행을 지정할 것</translation>
    </message>
    <message>
        <source>{where}.runs: expected a non-empty list of run labels such as {example}, got {value}</source>
        <translation>{where}.runs: {example} 같은 실행 이름의 목록(비어 있지 않은)이 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}: no run labelled {label} (labels: {labels})</source>
        <translation>{where}: 이름이 {label}인 실행이 없음 (실행 이름: {labels})</translation>
    </message>
    <message>
        <source>{where}: {label} is named twice</source>
        <translation>{where}: {label}이(가) 두 번 지정됨</translation>
    </message>
    <message>
        <source>{where}: missing key {key} (for example {example})</source>
        <translation>{where}: 키 {key}가 없음 (예: {example})</translation>
    </message>
    <message>
        <source>{where}.param: {param} is not a hyperparameter of run {label} ({type}: {known})</source>
        <translation>{where}.param: {param}은(는) 실행 {label}의 하이퍼파라미터가 아님 ({type}: {known})</translation>
    </message>
    <message>
        <source>{where}.param: {param} is true or false; a sweep needs a number</source>
        <translation>{where}.param: {param}은(는) true/false 값임. 스윕에는 숫자가 필요함</translation>
    </message>
    <message>
        <source>{where}.scale: expected {linear} or {log}, got {value}</source>
        <translation>{where}.scale: {linear} 또는 {log}가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}: expected a finite number, got {value}</source>
        <translation>{where}: 유한한 숫자가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}.{key}: a log scale needs {key} &gt; 0, got {value}</source>
        <translation>{where}.{key}: 로그 눈금에는 {key} &gt; 0이 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>{where}: {param} = {value} for run {label}: {reason}</source>
        <translation>{where}: 실행 {label}의 {param} = {value}: {reason}</translation>
    </message>
    <message>
        <source>{where}: expected a whole number, got {value}</source>
        <translation>{where}: 정수가 필요하지만 {value}임</translation>
    </message>
    <message>
        <source>start: the loss is not finite at the start point {point}</source>
        <translation>start: 시작점 {point}에서 손실이 유한하지 않음</translation>
    </message>
</context>
</TS>
