<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Suggest</name>
    <message>
        <source>η = {lr}: copied from run {run}</source>
        <translation>η = {lr}: 실행 {run}에서 복사</translation>
    </message>
    <message>
        <source>η = {lr}: torch&apos;s default (the map is flat or undefined here)</source>
        <translation>η = {lr}: torch의 기본값 (이곳의 지도가 평평하거나 정의되지 않음)</translation>
    </message>
    <message>
        <source>η = {lr}: torch&apos;s default (the first step would not move)</source>
        <translation>η = {lr}: torch의 기본값 (첫 스텝이 움직이지 않음)</translation>
    </message>
    <message>
        <source>η = {lr}: the start is on a plateau (∇f ≈ 0), so chosen so that a step on a typical slope of this map moves about {fraction} of the view</source>
        <translation>η = {lr}: 시작점이 평지(∇f ≈ 0)에 있어, 이 지도의 전형적인 경사에서 한 스텝이 화면의 약 {fraction}만큼 움직이도록 선택</translation>
    </message>
    <message>
        <source>η = {lr}: chosen so that the first step moves about {fraction} of the view</source>
        <translation>η = {lr}: 첫 스텝이 화면의 약 {fraction}만큼 움직이도록 선택</translation>
    </message>
    <message>
        <source>η = {lr}: half the stability bound η &lt; {limit} on this quadratic</source>
        <translation>η = {lr}: 이 2차 함수에서의 안정성 한계 η &lt; {limit}의 절반</translation>
    </message>
    <message>
        <source>{reason} (torch&apos;s default is {lr})</source>
        <translation>{reason} (torch의 기본값은 {lr})</translation>
    </message>
</context>
</TS>
