<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>ContourPlot</name>
    <message>
        <source>computing the loss surface…</source>
        <translation>손실 곡면 계산 중…</translation>
    </message>
    <message>
        <source>computing the loss surface… {percent} %</source>
        <translation>손실 곡면 계산 중… {percent} %</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>epoch (passes over the data, each run&apos;s own batch size)</source>
        <translation>에폭 (데이터를 훑은 횟수, 실행마다 자신의 배치 크기)</translation>
    </message>
    <message>
        <source>samples processed (steps × the run&apos;s batch size)</source>
        <translation>처리한 샘플 수 (스텝 × 실행의 배치 크기)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>accuracy (fraction of rows right)</source>
        <translation>정확도 (맞힌 행의 비율)</translation>
    </message>
    <message>
        <source>accuracy (- - held-out)</source>
        <translation>정확도 (- - 검증)</translation>
    </message>
    <message>
        <source>&lt;b&gt;step {x}&lt;/b&gt;</source>
        <translation>&lt;b&gt;스텝 {x}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;epoch {x}&lt;/b&gt;</source>
        <translation>&lt;b&gt;에폭 {x}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;samples {x}&lt;/b&gt;</source>
        <translation>&lt;b&gt;샘플 {x}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{run}: accuracy {value} at step {step}</source>
        <translation>{run}: 스텝 {step}에서 정확도 {value}</translation>
    </message>
    <message>
        <source>{run}: full-data loss {value} at step {step}</source>
        <translation>{run}: 스텝 {step}에서 전체 데이터 손실 {value}</translation>
    </message>
    <message>
        <source>; held-out accuracy {accuracy}</source>
        <translation>; 검증 정확도 {accuracy}</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
</context>
</TS>
