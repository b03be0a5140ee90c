<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>ParamForm</name>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{help}&lt;br&gt;valid: {range}; default {default}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{help}&lt;br&gt;유효 범위: {range}; 기본값 {default}</translation>
    </message>
</context>
</TS>
