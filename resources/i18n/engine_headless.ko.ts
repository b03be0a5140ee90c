<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Headless</name>
    <message>
        <source>starts</source>
        <translation>시작점</translation>
    </message>
    <message>
        <source>sweep</source>
        <translation>스윕</translation>
    </message>
    <message>
        <source>basins</source>
        <translation>끌림 영역</translation>
    </message>
    <message>
        <source>{kind} {label}: {cells} cells ({dims}) × {steps} steps; {diverged} diverged</source>
        <translation>{kind} {label}: 칸 {cells}개 ({dims}) × {steps} 스텝; 발산 {diverged}개</translation>
    </message>
    <message>
        <source>{count} at ({x}, {y})</source>
        <translation>({x}, {y})에 {count}개</translation>
    </message>
    <message>
        <source>{count} elsewhere</source>
        <translation>그 밖의 곳에 {count}개</translation>
    </message>
    <message>
        <source>lowest loss {loss} at {values}</source>
        <translation>최저 손실 {loss}, {values}에서</translation>
    </message>
    <message>
        <source>{accuracy}; held-out loss {loss}, held-out accuracy {held}</source>
        <translation>{accuracy}; 검증 손실 {loss}, 검증 정확도 {held}</translation>
    </message>
    <message>
        <source>DIVERGED at step {step}; last finite loss {loss} (accuracy {accuracy}) at ({x}, {y}) after {steps} steps</source>
        <translation>{step} 스텝에서 발산; 마지막 유한 손실 {loss} (정확도 {accuracy}), ({x}, {y}), {steps} 스텝 후</translation>
    </message>
    <message>
        <source>loss {loss} (accuracy {accuracy}) at ({x}, {y}) after {steps} steps</source>
        <translation>손실 {loss} (정확도 {accuracy}), ({x}, {y}), {steps} 스텝 후</translation>
    </message>
    <message>
        <source>(x, y: the plane of the paths&apos; top two principal directions through the initial weights; PC1 {pc1}, PC2 {pc2} of their variance)</source>
        <translation>(x, y: 초기 가중치를 지나는, 경로의 상위 두 주성분 방향이 이루는 평면; 분산의 PC1 {pc1}, PC2 {pc2})</translation>
    </message>
    <message>
        <source>DIVERGED at step {step}; last finite loss {loss} at ({x}, {y}) after {steps} steps</source>
        <translation>{step} 스텝에서 발산; 마지막 유한 손실 {loss}, ({x}, {y}), {steps} 스텝 후</translation>
    </message>
    <message>
        <source>loss {loss} at ({x}, {y}) after {steps} steps</source>
        <translation>손실 {loss}, ({x}, {y}), {steps} 스텝 후</translation>
    </message>
    <message>
        <source>--steps: {value} is out of range [0, {limit}]</source>
        <translation>--steps: {value}은(는) 범위 [0, {limit}] 밖임</translation>
    </message>
    <message>
        <source>--every: {value} is out of range [1, {limit}]</source>
        <translation>--every: {value}은(는) 범위 [1, {limit}] 밖임</translation>
    </message>
    <message>
        <source>{scene}: the scene has no {key} section ({flag} needs one)</source>
        <translation>{scene}: 장면에 {key} 항목이 없음 ({flag}에 필요함)</translation>
    </message>
    <message>
        <source>--gif: an animation of a network race is not available from the command line (write a picture with --png, --svg or --pdf, or its rows with --csv)</source>
        <translation>--gif: 신경망 경주의 애니메이션은 명령줄에서 만들 수 없습니다 (그림은 --png, --svg, --pdf로, 행은 --csv로 쓰세요)</translation>
    </message>
    <message>
        <source>a picture of a network race needs at least one step (its plane is fitted to the runs&apos; paths)</source>
        <translation>신경망 경주의 그림에는 적어도 한 스텝이 필요합니다 (평면을 실행 경로에 맞추기 때문입니다)</translation>
    </message>
    <message>
        <source>{label} diverged at step {step} (its trajectory stops at step {last}); the other runs went on</source>
        <translation>{label}이(가) {step} 스텝에서 발산함 (궤적은 {last} 스텝에서 멈춤); 다른 실행은 계속됨</translation>
    </message>
</context>
</TS>
