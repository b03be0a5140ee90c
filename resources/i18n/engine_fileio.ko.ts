<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Files</name>
    <message>
        <source>cannot write {path}: {folder} is not a folder</source>
        <translation>{path}에 쓸 수 없음: {folder}은(는) 폴더가 아님</translation>
    </message>
    <message>
        <source>cannot write {path}: the folder {folder} does not exist</source>
        <translation>{path}에 쓸 수 없음: 폴더 {folder}이(가) 없음</translation>
    </message>
    <message>
        <source>cannot write {path}: it is a folder</source>
        <translation>{path}에 쓸 수 없음: 폴더임</translation>
    </message>
    <message>
        <source>cannot write {path}: {char} is not valid Unicode text</source>
        <translation>{path}에 쓸 수 없음: {char}은(는) 올바른 유니코드 텍스트가 아님</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>{path}에 쓸 수 없음: {reason}</translation>
    </message>
</context>
</TS>
