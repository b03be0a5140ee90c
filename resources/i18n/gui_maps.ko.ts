<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Maps</name>
    <message>
        <source>Could not compute the {kind} map: {error}</source>
        <translation>{kind} 지도를 계산하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>최종 손실</translation>
    </message>
    <message>
        <source>steps to tolerance</source>
        <translation>허용 오차 도달 스텝</translation>
    </message>
    <message>
        <source>step it diverged</source>
        <translation>발산한 스텝</translation>
    </message>
    <message>
        <source>start ({x}, {y})</source>
        <translation>시작점 ({x}, {y})</translation>
    </message>
    <message>
        <source>: not computed yet</source>
        <translation>: 아직 계산 안 됨</translation>
    </message>
    <message>
        <source>: loss {loss}</source>
        <translation>: 손실 {loss}</translation>
    </message>
    <message>
        <source>, diverged at step {step}</source>
        <translation>, 스텝 {step}에서 발산</translation>
    </message>
    <message>
        <source>, tolerance reached at step {step}</source>
        <translation>, 스텝 {step}에서 허용 오차 도달</translation>
    </message>
    <message>
        <source>, ends at ({x}, {y})</source>
        <translation>, 도착점 ({x}, {y})</translation>
    </message>
    <message>
        <source>Set the axes and press Compute (or open a scene with a &quot;sweep&quot;).</source>
        <translation>축을 설정하고 계산을 누르세요 (또는 &quot;sweep&quot;이 있는 장면을 여세요).</translation>
    </message>
    <message>
        <source>{n} runs</source>
        <translation>실행 {n}개</translation>
    </message>
    <message>
        <source>{who}: {what} after {steps} steps</source>
        <translation>{who}: {steps} 스텝 후 {what}</translation>
    </message>
    <message>
        <source>log₁₀ final loss</source>
        <translation>log₁₀ 최종 손실</translation>
    </message>
    <message>
        <source>minimum ({x}, {y})</source>
        <translation>최소점 ({x}, {y})</translation>
    </message>
    <message>
        <source>elsewhere (not at a known minimum)</source>
        <translation>그 밖 (알려진 최소점이 아님)</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
    <message>
        <source>The hyperparameter swept along this axis (none: a 1-D sweep)</source>
        <translation>이 축을 따라 스윕하는 하이퍼파라미터 (없음: 1차원 스윕)</translation>
    </message>
    <message>
        <source>The hyperparameter swept along this axis</source>
        <translation>이 축을 따라 스윕하는 하이퍼파라미터</translation>
    </message>
    <message>
        <source>Cells along this axis (≥ 2)</source>
        <translation>이 축의 칸 수 (≥ 2)</translation>
    </message>
    <message>
        <source>log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>선형</translation>
    </message>
    <message>
        <source>First value (&quot;from&quot;)</source>
        <translation>첫 값 (&quot;from&quot;)</translation>
    </message>
    <message>
        <source>Last value (&quot;to&quot;)</source>
        <translation>마지막 값 (&quot;to&quot;)</translation>
    </message>
    <message>
        <source>(none: 1-D)</source>
        <translation>(없음: 1차원)</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Recompute the map shortly after any change to these settings or to the scene</source>
        <translation>이 설정이나 장면이 바뀌면 잠시 뒤 지도를 다시 계산</translation>
    </message>
    <message>
        <source>The scene changed since this map: press Compute to update it.</source>
        <translation>이 지도 이후 장면이 바뀌었습니다: 계산을 눌러 갱신하세요.</translation>
    </message>
    <message>
        <source>no objective</source>
        <translation>목적 함수 없음</translation>
    </message>
    <message>
        <source>Maps are for 2-D objectives: a network&apos;s landscape is on the contour view (Fit plane)</source>
        <translation>지도는 2차원 목적 함수용입니다: 신경망의 손실 지형은 등위선 보기에 있습니다 (평면 맞추기)</translation>
    </message>
    <message>
        <source>Computing {cells} cells × {runs} run(s) × {steps} steps…</source>
        <translation>{cells}칸 × 실행 {runs}개 × {steps} 스텝 계산 중…</translation>
    </message>
    <message>
        <source>Cancelled: the cells computed so far are shown.</source>
        <translation>취소됨: 지금까지 계산된 칸을 보여 줍니다.</translation>
    </message>
    <message>
        <source>; coarse map after {ms} ms</source>
        <translation>; 거친 지도 {ms} ms</translation>
    </message>
    <message>
        <source> Computed in {s} s{first}.</source>
        <translation> {s}초에 계산됨{first}.</translation>
    </message>
    <message>
        <source>The run swept (a 2-D sweep maps one run; a 1-D sweep can draw every run)</source>
        <translation>스윕할 실행 (2차원 스윕은 실행 하나, 1차원 스윕은 모든 실행을 그릴 수 있음)</translation>
    </message>
    <message>
        <source>the scene&apos;s</source>
        <translation>장면 설정</translation>
    </message>
    <message>
        <source>Steps each cell runs (the scene&apos;s step limit by default)</source>
        <translation>각 칸이 실행하는 스텝 수 (기본값: 장면의 스텝 한도)</translation>
    </message>
    <message>
        <source>What colours a cell: the full-data loss after the last step, the first step whose loss is within the tolerance of the known minimum, or the step it diverged</source>
        <translation>칸의 색: 마지막 스텝 후의 전체 데이터 손실, 손실이 알려진 최솟값의 허용 오차 안에 든 첫 스텝, 또는 발산한 스텝</translation>
    </message>
    <message>
        <source>Steps to tolerance: loss ≤ the known minimum value + this</source>
        <translation>허용 오차 도달 스텝: 손실 ≤ 알려진 최솟값 + 이 값</translation>
    </message>
    <message>
        <source>run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>색</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>허용 오차</translation>
    </message>
    <message>
        <source>every run</source>
        <translation>모든 실행</translation>
    </message>
    <message>
        <source>sweep: pick the hyperparameter to sweep along x</source>
        <translation>스윕: x축을 따라 스윕할 하이퍼파라미터를 고르세요</translation>
    </message>
    <message>
        <source>sweep: a 2-D sweep maps one run: pick it in &quot;run&quot;</source>
        <translation>스윕: 2차원 스윕은 실행 하나를 그립니다: &quot;실행&quot;에서 고르세요</translation>
    </message>
    <message>
        <source>{run}: {values} loaded from the sweep; its race is replayed with them.</source>
        <translation>{run}: 스윕에서 {values} 값을 불러왔습니다. 이 값으로 경주를 다시 재생합니다.</translation>
    </message>
    <message>
        <source> Best: {values} (loss {loss}).</source>
        <translation> 최적: {values} (손실 {loss}).</translation>
    </message>
    <message>
        <source>{n} cells, {diverged} diverged.{best}</source>
        <translation>{n}칸, 발산 {diverged}칸.{best}</translation>
    </message>
    <message>
        <source>The run whose basins are mapped</source>
        <translation>끌림 영역을 그릴 실행</translation>
    </message>
    <message>
        <source>Starts along x of the visible area</source>
        <translation>보이는 영역의 x 방향 시작점 수</translation>
    </message>
    <message>
        <source>Starts along y of the visible area</source>
        <translation>보이는 영역의 y 방향 시작점 수</translation>
    </message>
    <message>
        <source>Steps from each start (the scene&apos;s step limit by default)</source>
        <translation>각 시작점에서의 스텝 수 (기본값: 장면의 스텝 한도)</translation>
    </message>
    <message>
        <source>the minimum it reaches</source>
        <translation>도달한 최소점</translation>
    </message>
    <message>
        <source>its final loss</source>
        <translation>최종 손실</translation>
    </message>
    <message>
        <source>How opaque the layer is over the map</source>
        <translation>지도 위 레이어의 불투명도</translation>
    </message>
    <message>
        <source>show on the map</source>
        <translation>지도에 표시</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>격자</translation>
    </message>
    <message>
        <source>colour by</source>
        <translation>색 기준</translation>
    </message>
    <message>
        <source>opacity</source>
        <translation>불투명도</translation>
    </message>
    <message>
        <source>The map covers the visible area: pan or zoom first. Click the map to start the race from a cell.</source>
        <translation>지도는 보이는 영역을 덮습니다: 먼저 이동하거나 확대하세요. 지도를 클릭하면 그 칸에서 경주를 시작합니다.</translation>
    </message>
    <message>
        <source>basins: enable a run to map</source>
        <translation>끌림 영역: 그릴 실행을 켜세요</translation>
    </message>
    <message>
        <source>colours: log₁₀ final loss (viridis, low = dark); &lt;span style=&apos;color:{colour}&apos;&gt;■&lt;/span&gt; diverged</source>
        <translation>색: log₁₀ 최종 손실 (viridis, 낮을수록 어두움); &lt;span style=&apos;color:{colour}&apos;&gt;■&lt;/span&gt; 발산</translation>
    </message>
    <message>
        <source>{n} starts × {steps} steps of {run}.</source>
        <translation>{run}의 시작점 {n}개 × {steps} 스텝.</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>스윕</translation>
    </message>
    <message>
        <source>Basins</source>
        <translation>끌림 영역</translation>
    </message>
    <message>
        <source>Final loss against one or two hyperparameters: every cell a whole run</source>
        <translation>하이퍼파라미터 한두 개에 대한 최종 손실: 칸마다 실행 하나 전체</translation>
    </message>
    <message>
        <source>Where runs from a grid of starts end, as a layer over the map</source>
        <translation>시작점 격자에서 출발한 실행이 어디서 끝나는지, 지도 위 레이어로</translation>
    </message>
    <message>
        <source>New surface: press Compute for its map.</source>
        <translation>새 곡면: 계산을 눌러 지도를 만드세요.</translation>
    </message>
</context>
</TS>
