<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Export</name>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
    <message>
        <source>, from ({x}, {y})</source>
        <translation>, 시작점 ({x}, {y})</translation>
    </message>
    <message>
        <source>, step {step}</source>
        <translation>, 스텝 {step}</translation>
    </message>
    <message>
        <source>no {name}</source>
        <translation>{name} 없음</translation>
    </message>
    <message>
        <source>{title} schedule</source>
        <translation>{title} 스케줄</translation>
    </message>
    <message>
        <source>{label} (book)</source>
        <translation>{label} (책)</translation>
    </message>
    <message>
        <source>{what} width {width} is out of range [{lo}, {hi}]</source>
        <translation>{what} 너비 {width}가 범위 [{lo}, {hi}]를 벗어났습니다</translation>
    </message>
    <message>
        <source>{what} width {width} at {scale}× is {px} px, more than {hi}</source>
        <translation>{what} 너비 {width}를 {scale}×로 하면 {px} px로, {hi}보다 큽니다</translation>
    </message>
</context>
</TS>
