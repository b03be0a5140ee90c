<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Vector</name>
    <message>
        <source>Exported by Optimizer Playground</source>
        <translation>Optimizer Playground에서 내보냄</translation>
    </message>
</context>
</TS>
