<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Session</name>
    <message>
        <source>start: the loss is not finite at the start point {point}</source>
        <translation>start: 시작점 {point}에서 손실이 유한하지 않음</translation>
    </message>
    <message>
        <source>a scene needs at least one optimizer</source>
        <translation>장면에는 옵티마이저가 하나 이상 필요함</translation>
    </message>
    <message>
        <source>start: the start point must be finite</source>
        <translation>start: 시작점은 유한해야 함</translation>
    </message>
</context>
</TS>
