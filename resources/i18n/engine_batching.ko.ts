<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>BatchConfig</name>
    <message>
        <source>batch: expected an object such as {{&quot;strategy&quot;: &quot;full&quot;}}</source>
        <translation>batch: {{&quot;strategy&quot;: &quot;full&quot;}} 같은 객체가 필요합니다</translation>
    </message>
    <message>
        <source>batch.strategy: unknown strategy {strategy} (known: {known})</source>
        <translation>batch.strategy: 알 수 없는 배치 전략 {strategy} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>batch: unknown key {key} for strategy {strategy} (known: {known})</source>
        <translation>batch: 배치 전략 {strategy}에 없는 키 {key} (가능한 키: {known})</translation>
    </message>
    <message>
        <source>batch.batch_size: expected a whole number ≥ 1, got {value}</source>
        <translation>batch.batch_size: 1 이상의 정수가 필요한데 {value}입니다</translation>
    </message>
    <message>
        <source>batch.{key}: expected true or false, got {value}</source>
        <translation>batch.{key}: true 또는 false가 필요한데 {value}입니다</translation>
    </message>
</context>
<context>
    <name>BatchSampler</name>
    <message>
        <source>batch.batch_size: {size} is larger than the {n} samples of the data set</source>
        <translation>batch.batch_size: {size}은(는) 데이터 세트의 샘플 수 {n}보다 큽니다</translation>
    </message>
</context>
</TS>
