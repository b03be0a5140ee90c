<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Controller</name>
    <message>
        <source>The scene&apos;s {kind} map no longer fits its runs ({error}); it was dropped.</source>
        <translation>장면의 {kind} 지도가 더 이상 실행과 맞지 않아 ({error}) 제거했습니다.</translation>
    </message>
    <message>
        <source>Every optimizer is disabled: tick one in the Optimizers panel.</source>
        <translation>모든 옵티마이저가 꺼져 있습니다. 옵티마이저 패널에서 하나를 선택하세요.</translation>
    </message>
    <message>
        <source>The scene&apos;s maps (sweep, basins) were dropped: maps are for 2-D objectives.</source>
        <translation>장면의 지도(sweep, basins)를 제거했습니다. 지도는 2차원 목적 함수 전용입니다.</translation>
    </message>
    <message>
        <source>A network race has no start point: every run starts from the initial weights (init and init seed in the Objective dock).</source>
        <translation>신경망 경주에는 시작점이 없습니다. 모든 실행이 초기 가중치에서 시작합니다 (목적 함수 패널의 init과 init seed).</translation>
    </message>
    <message>
        <source>start: the start point must be finite, got ({x}, {y})</source>
        <translation>start: 시작점은 유한한 값이어야 합니다. 받은 값: ({x}, {y})</translation>
    </message>
    <message>
        <source>A scene holds at most {n} optimizers; remove one first.</source>
        <translation>장면에는 옵티마이저를 최대 {n}개까지 둘 수 있습니다. 먼저 하나를 제거하세요.</translation>
    </message>
    <message>
        <source>Added {label}: {reason}.</source>
        <translation>{label} 추가: {reason}.</translation>
    </message>
    <message>
        <source>A scene needs at least one optimizer.</source>
        <translation>장면에는 옵티마이저가 하나 이상 있어야 합니다.</translation>
    </message>
    <message>
        <source>What-if replay is for 2-D races; on a network the new value applies from the next step (a live edit).</source>
        <translation>가정 실험 재실행은 2차원 경주 전용입니다. 신경망에서는 새 값이 다음 스텝부터 적용됩니다 (실시간 편집).</translation>
    </message>
    <message>
        <source>Replay failed: {error}</source>
        <translation>재실행 실패: {error}</translation>
    </message>
    <message>
        <source>Label {label} is empty or already used by another run.</source>
        <translation>레이블 {label}이(가) 비어 있거나 다른 실행이 이미 쓰고 있습니다.</translation>
    </message>
    <message>
        <source>Nothing to step: enable an optimizer first.</source>
        <translation>진행할 것이 없습니다. 먼저 옵티마이저를 켜세요.</translation>
    </message>
    <message>
        <source>Nothing to play: enable an optimizer first.</source>
        <translation>재생할 것이 없습니다. 먼저 옵티마이저를 켜세요.</translation>
    </message>
    <message>
        <source>Step limit raised from {old} to {new} (“stop at” in the toolbar; 0 means no limit).</source>
        <translation>스텝 한도를 {old}에서 {new}(으)로 올렸습니다 (도구 모음의 “멈춤 스텝”, 0은 한도 없음).</translation>
    </message>
    <message>
        <source>Every run has diverged: lower a learning rate and press Reset.</source>
        <translation>모든 실행이 발산했습니다. 학습률을 낮추고 리셋을 누르세요.</translation>
    </message>
    <message>
        <source>Reached the step limit ({n}).</source>
        <translation>스텝 한도({n})에 도달했습니다.</translation>
    </message>
    <message>
        <source>Paused: unexpected error while stepping ({error}). The details are in the log.</source>
        <translation>일시 정지: 스텝 진행 중 예기치 않은 오류 ({error}). 자세한 내용은 로그에 있습니다.</translation>
    </message>
    <message>
        <source>{label} diverged at step {step} and is frozen there; the other runs go on.</source>
        <translation>{label}이(가) 스텝 {step}에서 발산해 그 자리에 멈췄습니다. 다른 실행은 계속됩니다.</translation>
    </message>
</context>
</TS>
