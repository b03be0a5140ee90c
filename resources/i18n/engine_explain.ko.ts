<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Declarations</name>
    <message>
        <source>effective learning rate η_eff</source>
        <translation>유효 학습률 η_eff</translation>
    </message>
    <message>
        <source>|V| (velocity)</source>
        <translation>|V| (속도)</translation>
    </message>
    <message>
        <source>|m̂| (Adam&apos;s first moment)</source>
        <translation>|m̂| (Adam의 1차 모멘트)</translation>
    </message>
    <message>
        <source>v̂ (Adam&apos;s second moment)</source>
        <translation>v̂ (Adam의 2차 모멘트)</translation>
    </message>
    <message>
        <source>learning rate η_t (schedule)</source>
        <translation>학습률 η_t (스케줄)</translation>
    </message>
    <message>
        <source>ρ_t (RAdam adapts once it exceeds 5)</source>
        <translation>ρ_t (5를 넘으면 RAdam이 적응형 학습률 사용)</translation>
    </message>
    <message>
        <source>u (Adamax&apos;s infinity norm)</source>
        <translation>u (Adamax의 무한대 노름)</translation>
    </message>
    <message>
        <source>|m| (Lion&apos;s momentum)</source>
        <translation>|m| (Lion의 모멘텀)</translation>
    </message>
</context>
</TS>
