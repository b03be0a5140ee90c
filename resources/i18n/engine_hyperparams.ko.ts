<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>HyperParam</name>
    <message>
        <source>{name} is true or false</source>
        <translation>{name}은(는) true 또는 false</translation>
    </message>
    <message>
        <source>Invalid {what}: {value} (expected true or false)</source>
        <translation>잘못된 {what}: {value} (true 또는 false여야 합니다)</translation>
    </message>
    <message>
        <source>Invalid {what}: {value} (expected a number)</source>
        <translation>잘못된 {what}: {value} (숫자여야 합니다)</translation>
    </message>
    <message>
        <source>Invalid {what}: {value}</source>
        <translation>잘못된 {what}: {value}</translation>
    </message>
    <message>
        <source>Invalid {what}: {value} (expected a whole number)</source>
        <translation>잘못된 {what}: {value} (정수여야 합니다)</translation>
    </message>
    <message>
        <source>Invalid {what}: {value} (expected {range})</source>
        <translation>잘못된 {what}: {value} ({range}이어야 합니다)</translation>
    </message>
    <message>
        <source>Unknown {owner} setting {name} (known: {known})</source>
        <translation>{owner}에 없는 설정 {name} (가능한 설정: {known})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
</context>
</TS>
