<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Swarm</name>
    <message>
        <source>starts: expected an (N, 2) array of points, got shape {shape}</source>
        <translation>starts: 점들의 (N, 2) 배열이 필요한데 모양이 {shape}입니다</translation>
    </message>
    <message>
        <source>starts: every start point must be finite</source>
        <translation>starts: 모든 시작점은 유한한 값이어야 합니다</translation>
    </message>
</context>
</TS>
