<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>NetSession</name>
    <message>
        <source>mlp: the loss is not finite at the initial weights ({loss})</source>
        <translation>mlp: 초기 가중치에서 손실이 유한하지 않습니다 ({loss})</translation>
    </message>
    <message>
        <source>a scene needs at least one optimizer</source>
        <translation>장면에는 옵티마이저가 하나 이상 있어야 합니다</translation>
    </message>
    <message>
        <source>every: expected a whole number from 1 to {max}, got {value}</source>
        <translation>every: 1부터 {max}까지의 정수가 필요한데 {value}입니다</translation>
    </message>
    <message>
        <source>snapshots: expected at least 2 or None, got {value}</source>
        <translation>snapshots: 2 이상 또는 None이 필요한데 {value}입니다</translation>
    </message>
    <message>
        <source>optimizers[{i}]: a network run has no start of its own: every run starts from the initial weights (init, init_seed)</source>
        <translation>optimizers[{i}]: 신경망 실행에는 자체 시작점이 없습니다. 모든 실행은 초기 가중치(init, init_seed)에서 시작합니다</translation>
    </message>
</context>
</TS>
