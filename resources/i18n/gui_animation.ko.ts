<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Animation</name>
    <message>
        <source>Animated WebP</source>
        <translation>애니메이션 WebP</translation>
    </message>
    <message>
        <source>MP4 (needs ffmpeg)</source>
        <translation>MP4 (ffmpeg 필요)</translation>
    </message>
    <message>
        <source>fps {fps} is out of range (0 &lt; fps ≤ {max})</source>
        <translation>fps {fps}가 범위를 벗어났습니다 (0 &lt; fps ≤ {max})</translation>
    </message>
    <message>
        <source>animation width {width} is out of range [{lo}, {hi}]</source>
        <translation>애니메이션 너비 {width}가 범위 [{lo}, {hi}]를 벗어났습니다</translation>
    </message>
    <message>
        <source>steps per frame {n} must be at least 1</source>
        <translation>프레임당 스텝 {n}은(는) 1 이상이어야 합니다</translation>
    </message>
    <message>
        <source>the steps to animate, {first} to {last}, must lie within 0 to {available} (the steps run so far)</source>
        <translation>애니메이션할 스텝 {first}~{last}은(는) 0~{available} 안에 있어야 합니다 (지금까지 실행한 스텝)</translation>
    </message>
    <message>
        <source>MP4 export needs an ffmpeg executable on PATH; choose GIF or WebP</source>
        <translation>MP4로 내보내려면 PATH에 ffmpeg 실행 파일이 있어야 합니다. GIF나 WebP를 선택하세요</translation>
    </message>
    <message>
        <source>Could not encode the animation: {error}</source>
        <translation>애니메이션을 인코딩할 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>{n} frames of {w}×{h} px are too many to encode at once ({mp} million pixels, at most {max} million): take more steps per frame, fewer steps or a smaller width</source>
        <translation>{w}×{h} px 프레임 {n}개는 한 번에 인코딩하기에 너무 많습니다 ({mp}백만 픽셀, 최대 {max}백만): 프레임당 스텝을 늘리거나, 스텝을 줄이거나, 너비를 줄이세요</translation>
    </message>
    <message>
        <source>the animation was cancelled; nothing was written</source>
        <translation>애니메이션이 취소되어 아무것도 쓰지 않았습니다</translation>
    </message>
</context>
</TS>
