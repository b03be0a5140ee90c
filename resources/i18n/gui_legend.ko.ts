<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Legend</name>
    <message>
        <source>diverged at step {step}</source>
        <translation>스텝 {step}에서 발산</translation>
    </message>
</context>
</TS>
