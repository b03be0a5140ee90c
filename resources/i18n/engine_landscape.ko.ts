<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Landscape</name>
    <message>
        <source>pca_plane: points of {n} numbers for an origin of {m}</source>
        <translation>pca_plane: 점은 숫자 {n}개인데 원점은 {m}개입니다</translation>
    </message>
    <message>
        <source>pca_plane: the points must be finite</source>
        <translation>pca_plane: 점은 유한한 값이어야 합니다</translation>
    </message>
    <message>
        <source>pca_plane: every point is at the origin: the runs have not moved yet</source>
        <translation>pca_plane: 모든 점이 원점에 있습니다. 실행이 아직 움직이지 않았습니다</translation>
    </message>
</context>
</TS>
