<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>ExportDialog</name>
    <message>
        <source>Contour and loss</source>
        <translation>등위선과 손실</translation>
    </message>
    <message>
        <source>Contour only</source>
        <translation>등위선만</translation>
    </message>
    <message>
        <source>Loss only</source>
        <translation>손실만</translation>
    </message>
    <message>
        <source>White</source>
        <translation>흰색</translation>
    </message>
    <message>
        <source>Transparent</source>
        <translation>투명</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG로 내보내기</translation>
    </message>
    <message>
        <source>Pixels per figure pixel: 2× is twice as many pixels each way, for sharp slides</source>
        <translation>그림 픽셀당 픽셀 수: 2×는 가로세로 각각 두 배의 픽셀로, 선명한 슬라이드용입니다</translation>
    </message>
    <message>
        <source>Title (scene, surface, step)</source>
        <translation>제목 (장면, 곡면, 스텝)</translation>
    </message>
    <message>
        <source>Hyperparameters in the legend (Adam η=0.3, β₁=0.9, …)</source>
        <translation>범례에 하이퍼파라미터 표시 (Adam η=0.3, β₁=0.9, …)</translation>
    </message>
    <message>
        <source>Caption line: objective, start and step</source>
        <translation>설명 줄: 목적 함수, 시작점, 스텝</translation>
    </message>
    <message>
        <source>The Data view, sweep map and basin layer, where shown in the window</source>
        <translation>창에 보이는 데이터 보기, 스윕 지도, 끌림 영역 층</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>너비</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>배경</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>배율</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>애니메이션 내보내기</translation>
    </message>
    <message>
        <source>Install ffmpeg (and put it on PATH) to export MP4</source>
        <translation>MP4로 내보내려면 ffmpeg를 설치하고 PATH에 넣으세요</translation>
    </message>
    <message>
        <source>From step</source>
        <translation>시작 스텝</translation>
    </message>
    <message>
        <source>To step</source>
        <translation>끝 스텝</translation>
    </message>
    <message>
        <source>Steps per frame</source>
        <translation>프레임당 스텝</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>초당 프레임</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>{n} frames, {s} s (the last frame held {hold} s more)</source>
        <translation>프레임 {n}개, {s}초 (마지막 프레임은 {hold}초 더 유지)</translation>
    </message>
</context>
</TS>
