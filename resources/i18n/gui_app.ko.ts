<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>App</name>
    <message>
        <source>Unexpected error ({error}). The animation was paused; details are in the log.</source>
        <translation>예기치 않은 오류 ({error}). 애니메이션을 일시 정지했습니다. 자세한 내용은 로그에 있습니다.</translation>
    </message>
    <message>
        <source>{problem}
The default scene was opened instead.</source>
        <translation>{problem}
대신 기본 장면을 열었습니다.</translation>
    </message>
</context>
</TS>
