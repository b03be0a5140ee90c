<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Formula</name>
    <message>
        <source>Formula error at column {column}: {message}</source>
        <translation>수식 오류 ({column}번째 열): {message}</translation>
    </message>
    <message>
        <source>Formula error: {message}</source>
        <translation>수식 오류: {message}</translation>
    </message>
    <message>
        <source>unexpected character {char}</source>
        <translation>예상하지 못한 문자 {char}</translation>
    </message>
    <message>
        <source>unexpected character {char} (functions take one argument)</source>
        <translation>예상하지 못한 문자 {char} (함수는 인수를 하나만 받습니다)</translation>
    </message>
    <message>
        <source>unexpected character {char} (use round brackets)</source>
        <translation>예상하지 못한 문자 {char} (둥근 괄호를 쓰세요)</translation>
    </message>
    <message>
        <source>unexpected character {char} (strings are not allowed)</source>
        <translation>예상하지 못한 문자 {char} (문자열은 쓸 수 없습니다)</translation>
    </message>
    <message>
        <source>unexpected character {char} (attribute access is not allowed)</source>
        <translation>예상하지 못한 문자 {char} (속성 접근은 쓸 수 없습니다)</translation>
    </message>
    <message>
        <source>unexpected character {char} (only + - * / ** ^ are allowed)</source>
        <translation>예상하지 못한 문자 {char} (+ - * / ** ^ 만 쓸 수 있습니다)</translation>
    </message>
    <message>
        <source>formula too large (more than {n} parts)</source>
        <translation>수식이 너무 큽니다 (요소 {n}개 초과)</translation>
    </message>
    <message>
        <source>formula nested too deeply (more than {n} levels)</source>
        <translation>수식이 너무 깊게 중첩되었습니다 ({n}단계 초과)</translation>
    </message>
    <message>
        <source>the formula is empty</source>
        <translation>수식이 비어 있습니다</translation>
    </message>
    <message>
        <source>unmatched &apos;)&apos;</source>
        <translation>짝이 없는 &apos;)&apos;</translation>
    </message>
    <message>
        <source>unexpected {token} (an operator is missing before it?)</source>
        <translation>예상하지 못한 {token} (앞에 연산자가 빠졌나요?)</translation>
    </message>
    <message>
        <source>{name} needs an argument in brackets, e.g. {name}(x)</source>
        <translation>{name}에는 괄호 안의 인수가 필요합니다. 예: {name}(x)</translation>
    </message>
    <message>
        <source>unknown name {name} (use x, y, pi, e and {functions})</source>
        <translation>알 수 없는 이름 {name} (x, y, pi, e와 {functions}를 쓰세요)</translation>
    </message>
    <message>
        <source>the formula ends too early (a number, name or &apos;(&apos; is missing)</source>
        <translation>수식이 너무 일찍 끝납니다 (숫자, 이름 또는 &apos;(&apos;가 빠졌습니다)</translation>
    </message>
    <message>
        <source>unexpected {token}</source>
        <translation>예상하지 못한 {token}</translation>
    </message>
    <message>
        <source>&apos;(&apos; is never closed</source>
        <translation>&apos;(&apos;가 닫히지 않았습니다</translation>
    </message>
    <message>
        <source>expected &apos;)&apos; but found {token}</source>
        <translation>&apos;)&apos;가 필요한데 {token}이(가) 있습니다</translation>
    </message>
    <message>
        <source>expected text, got {type}</source>
        <translation>텍스트가 필요한데 {type}입니다</translation>
    </message>
    <message>
        <source>formula too long ({n} characters; at most {max})</source>
        <translation>수식이 너무 깁니다 ({n}자, 최대 {max}자)</translation>
    </message>
    <message>
        <source>unexpected character {char} (use plain ASCII: x**2, not x²)</source>
        <translation>예상하지 못한 문자 {char} (일반 ASCII를 쓰세요: x² 대신 x**2)</translation>
    </message>
</context>
</TS>
