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
        <source>{run}: {train} of {n_train} training rows right,
{held} of {n_held} held-out rows (squares) · ringed = wrong</source>
        <translation>{run}: 훈련 행 {n_train}개 중 {train} 정답,
검증 행 {n_held}개(사각형) 중 {held} 정답 · 고리 = 오답</translation>
    </message>
    <message>
        <source>{run}: {accuracy} of {n} right · ringed = wrong</source>
        <translation>{run}: {n}개 중 {accuracy} 정답 · 고리 = 오답</translation>
    </message>
    <message>
        <source>row {row} (held out): x₁ = {x1}, x₂ = {x2}, label {label}; {run} predicts {pred} (p = {p})</source>
        <translation>행 {row} (검증): x₁ = {x1}, x₂ = {x2}, 레이블 {label}; {run}의 예측 {pred} (p = {p})</translation>
    </message>
    <message>
        <source>row {row}: x₁ = {x1}, x₂ = {x2}, label {label}; {run} predicts {pred} (p = {p})</source>
        <translation>행 {row}: x₁ = {x1}, x₂ = {x2}, 레이블 {label}; {run}의 예측 {pred} (p = {p})</translation>
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
        <source>predicted, {n} held-out rows</source>
        <translation>예측, 검증 행 {n}개</translation>
    </message>
    <message>
        <source>{run}: {train} right on the training rows,
{held} on the held-out rows (shown here)</source>
        <translation>{run}: 훈련 행에서 {train} 정답,
검증 행에서 {held} (여기 표시)</translation>
    </message>
    <message>
        <source>{run}: {accuracy} right</source>
        <translation>{run}: {accuracy} 정답</translation>
    </message>
    <message>
        <source>row {row} (held out): label {label}; {run} predicts {pred} (p = {p})</source>
        <translation>행 {row} (검증): 레이블 {label}; {run}의 예측 {pred} (p = {p})</translation>
    </message>
    <message>
        <source>row {row}: label {label}; {run} predicts {pred} (p = {p})</source>
        <translation>행 {row}: 레이블 {label}; {run}의 예측 {pred} (p = {p})</translation>
    </message>
</context>
</TS>
