<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>DataPlot</name>
    <message>
        <source>label y (0 or 1) · p(x) = σ(w·x + b)</source>
        <translation>레이블 y (0 또는 1) · p(x) = σ(w·x + b)</translation>
    </message>
    <message>
        <source>{run}: every step uses all {n} rows</source>
        <translation>{run}: 모든 스텝이 {n}개 행 전체를 사용</translation>
    </message>
    <message>
        <source>{run}: step 0 — the rows of each step will be ringed</source>
        <translation>{run}: 스텝 0 — 각 스텝의 행에 고리가 표시됩니다</translation>
    </message>
    <message>
        <source>{run}: ringed, the row of step {k} → {next}</source>
        <translation>{run}: 스텝 {k} → {next}의 행에 고리 표시</translation>
    </message>
    <message>
        <source>{run}: ringed, the {n} rows of step {k} → {next}</source>
        <translation>{run}: 스텝 {k} → {next}의 {n}개 행에 고리 표시</translation>
    </message>
    <message>
        <source>row {row}: x = {x}, y = {y}</source>
        <translation>행 {row}: x = {x}, y = {y}</translation>
    </message>
    <message>
        <source>; {run}: p = {p} → class {cls}</source>
        <translation>; {run}: p = {p} → 클래스 {cls}</translation>
    </message>
    <message>
        <source>; {run}: ŷ = {yhat} (residual {residual})</source>
        <translation>; {run}: ŷ = {yhat} (잔차 {residual})</translation>
    </message>
</context>
</TS>
