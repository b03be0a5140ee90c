<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>&lt;br&gt;slider: four decades around the value (log scale)</source>
        <translation>&lt;br&gt;슬라이더: 현재 값 주변 네 자릿수 범위 (로그 눈금)</translation>
    </message>
    <message>
        <source>run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>The run whose hyperparameters the sliders move (also picked by clicking a run in the legend above the map)</source>
        <translation>슬라이더가 하이퍼파라미터를 움직일 실행 (지도 위 범례에서 실행을 클릭해도 선택됨)</translation>
    </message>
    <message>
        <source>Replay from step 0</source>
        <translation>스텝 0부터 다시 재생</translation>
    </message>
    <message>
        <source>On: moving a slider recomputes this run&apos;s whole path with the new value, as if it had been set at step 0 — the trajectory bends while you drag.
Off: the new value applies from the next step, like an edit in the Optimizers dock.</source>
        <translation>켬: 슬라이더를 움직이면 새 값이 스텝 0부터 설정된 것처럼 이 실행의 경로 전체를 다시 계산합니다 — 드래그하는 동안 궤적이 휘어집니다.
끔: 새 값은 옵티마이저 도크에서 고친 것처럼 다음 스텝부터 적용됩니다.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;No run to tune: enable an optimizer.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;조정할 실행이 없습니다: 옵티마이저를 켜세요.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>⚠ stable on this quadratic for η &amp;lt; {limit} — the path diverges</source>
        <translation>⚠ 이 2차 함수에서 η &amp;lt; {limit}이면 안정 — 경로가 발산합니다</translation>
    </message>
    <message>
        <source>stable on this quadratic for η &amp;lt; {limit}</source>
        <translation>이 2차 함수에서 η &amp;lt; {limit}이면 안정</translation>
    </message>
    <message>
        <source>{name} = {value} from step {step} on.</source>
        <translation>스텝 {step}부터 {name} = {value}.</translation>
    </message>
    <message>
        <source>Replaying on a worker thread (a long history); the race stays live meanwhile…</source>
        <translation>작업 스레드에서 다시 재생 중 (긴 기록); 그동안 경주는 계속됩니다…</translation>
    </message>
    <message>
        <source>A moved slider applies from the next step (its path so far is kept).</source>
        <translation>슬라이더를 움직이면 다음 스텝부터 적용됩니다 (지금까지의 경로는 유지).</translation>
    </message>
    <message>
        <source>Drag a slider: this run&apos;s whole path is recomputed with the new value.</source>
        <translation>슬라이더를 끌어 보세요: 이 실행의 경로 전체를 새 값으로 다시 계산합니다.</translation>
    </message>
    <message>
        <source>Replayed {work} run-steps in {ms} ms.</source>
        <translation>실행-스텝 {work}개를 {ms} ms에 다시 재생했습니다.</translation>
    </message>
</context>
</TS>
