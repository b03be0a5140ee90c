<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>NetData</name>
    <message>
        <source>feature 1</source>
        <translation>특성 1</translation>
    </message>
    <message>
        <source>feature 2</source>
        <translation>특성 2</translation>
    </message>
    <message>
        <source>{run}: {accuracy} of {n} right · ringed = wrong</source>
        <translation>{run}: {n}개 중 {accuracy} 정답 · 고리 = 오답</translation>
    </message>
    <message>
        <source>true label</source>
        <translation>실제 레이블</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>{run}: {accuracy} right</source>
        <translation>{run}: {accuracy} 정답</translation>
    </message>
</context>
</TS>
