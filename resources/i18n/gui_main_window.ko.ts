<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>MainWindow</name>
    <message>
        <source>Could not compute the loss surface: {error}</source>
        <translation>손실 곡면을 계산할 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Each run&apos;s colour, label and current loss; click a run to explain it</source>
        <translation>각 실행의 색, 레이블, 현재 손실. 실행을 클릭하면 설명합니다</translation>
    </message>
    <message>
        <source>residuals</source>
        <translation>잔차</translation>
    </message>
    <message>
        <source>Draw each row&apos;s residual to the selected run&apos;s line (linear regression)</source>
        <translation>각 행에서 선택한 실행의 직선까지 잔차를 그립니다 (선형 회귀)</translation>
    </message>
    <message>
        <source>Fit plane</source>
        <translation>평면 맞추기</translation>
    </message>
    <message>
        <source>Fit the landscape&apos;s plane to the runs&apos; paths so far and compute the loss on it (also done whenever Play pauses).</source>
        <translation>지금까지의 실행 경로에 손실 지형의 평면을 맞추고 그 위에서 손실을 계산합니다 (재생이 멈출 때마다 자동으로도 합니다).</translation>
    </message>
    <message>
        <source>plane: PCA of the paths</source>
        <translation>평면: 경로의 PCA</translation>
    </message>
    <message>
        <source>plane: random, filter-normalised</source>
        <translation>평면: 무작위, 필터 정규화</translation>
    </message>
    <message>
        <source>x: steps</source>
        <translation>x: 스텝</translation>
    </message>
    <message>
        <source>x: epochs</source>
        <translation>x: 에폭</translation>
    </message>
    <message>
        <source>x: samples processed</source>
        <translation>x: 처리한 샘플</translation>
    </message>
    <message>
        <source>The loss view&apos;s x-axis: steps, passes over the data, or rows read (steps × the run&apos;s batch size: full batch reads every row a step, SGD one)</source>
        <translation>손실 그래프의 x축: 스텝, 데이터를 훑은 횟수, 또는 읽은 행 수 (스텝 × 실행의 배치 크기: 전체 배치는 스텝마다 모든 행을, SGD는 한 행을 읽습니다)</translation>
    </message>
    <message>
        <source>y: loss</source>
        <translation>y: 손실</translation>
    </message>
    <message>
        <source>y: accuracy</source>
        <translation>y: 정확도</translation>
    </message>
    <message>
        <source>smooth batch loss</source>
        <translation>배치 손실 평활화</translation>
    </message>
    <message>
        <source>Draw the faint batch loss as the mean of 11 neighbouring steps</source>
        <translation>흐린 배치 손실을 이웃한 11스텝의 평균으로 그립니다</translation>
    </message>
    <message>
        <source>smooth</source>
        <translation>평활화</translation>
    </message>
    <message>
        <source>the plane is fitted to the runs&apos; paths: step or play first</source>
        <translation>평면은 실행 경로에 맞춥니다. 먼저 한 스텝 진행하거나 재생하세요</translation>
    </message>
    <message>
        <source>computing the loss landscape… {percent} %</source>
        <translation>손실 지형 계산 중… {percent} %</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>목적 함수</translation>
    </message>
    <message>
        <source>Batch strategy</source>
        <translation>배치 전략</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>What if</source>
        <translation>가정 실험</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>지도</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 스텝</translation>
    </message>
    <message>
        <source>One step of every run</source>
        <translation>모든 실행을 한 스텝 진행</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Play / pause the race</source>
        <translation>경주 재생 / 일시 정지</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>리셋</translation>
    </message>
    <message>
        <source>Back to step 0 (replays exactly)</source>
        <translation>스텝 0으로 돌아가기 (똑같이 다시 실행)</translation>
    </message>
    <message>
        <source>Open scene…</source>
        <translation>장면 열기…</translation>
    </message>
    <message>
        <source>Open a scene file</source>
        <translation>장면 파일 열기</translation>
    </message>
    <message>
        <source>Save scene</source>
        <translation>장면 저장</translation>
    </message>
    <message>
        <source>Save the scene</source>
        <translation>장면을 저장</translation>
    </message>
    <message>
        <source>Save scene as…</source>
        <translation>다른 이름으로 장면 저장…</translation>
    </message>
    <message>
        <source>Save the scene to a new file</source>
        <translation>장면을 새 파일에 저장</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG로 내보내기…</translation>
    </message>
    <message>
        <source>Export the contour and loss views as a PNG</source>
        <translation>등위선 보기와 손실 그래프를 PNG로 내보내기</translation>
    </message>
    <message>
        <source>Export SVG/PDF…</source>
        <translation>SVG/PDF로 내보내기…</translation>
    </message>
    <message>
        <source>Export the figure as SVG or PDF (vector: real paths and text)</source>
        <translation>그림을 SVG나 PDF로 내보내기 (벡터: 실제 경로와 텍스트)</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>애니메이션 내보내기…</translation>
    </message>
    <message>
        <source>Export the race as an animated GIF, WebP or MP4</source>
        <translation>경주를 애니메이션 GIF, WebP, MP4로 내보내기</translation>
    </message>
    <message>
        <source>Export trajectories CSV…</source>
        <translation>궤적 CSV로 내보내기…</translation>
    </message>
    <message>
        <source>Write optimizer,step,x,y,loss rows</source>
        <translation>궤적을 CSV 행으로 쓰기 (옵티마이저, 스텝, x, y, 손실)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Log-scale loss</source>
        <translation>손실 로그 눈금</translation>
    </message>
    <message>
        <source>Log-scale the loss axis (L); surfaces with losses ≤ 0 always plot linearly</source>
        <translation>손실 축을 로그 눈금으로 (L). 손실이 0 이하인 곡면은 항상 선형으로 그립니다</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>보기 리셋</translation>
    </message>
    <message>
        <source>Fit the contour map</source>
        <translation>등위선 지도를 화면에 맞추기</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Steps per frame: how many steps each animation frame advances</source>
        <translation>프레임당 스텝: 애니메이션 프레임마다 진행하는 스텝 수</translation>
    </message>
    <message>
        <source>Frame interval: time between animation frames</source>
        <translation>프레임 간격: 애니메이션 프레임 사이의 시간</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>한도 없음</translation>
    </message>
    <message>
        <source>Play pauses at this step (0: no limit); Step always works</source>
        <translation>재생이 이 스텝에서 멈춥니다 (0: 한도 없음). 한 스텝은 항상 됩니다</translation>
    </message>
    <message>
        <source>steps/frame</source>
        <translation>프레임당 스텝</translation>
    </message>
    <message>
        <source>every</source>
        <translation>간격</translation>
    </message>
    <message>
        <source>stop at</source>
        <translation>멈춤 스텝</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Scrub back to any earlier step to view every run there; Step or Play resumes from the end</source>
        <translation>이전 스텝으로 되돌려 그 시점의 모든 실행을 봅니다. 한 스텝이나 재생은 끝에서 이어 갑니다</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>Back to the latest step</source>
        <translation>최신 스텝으로 돌아가기</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>One view for all runs</source>
        <translation>모든 실행을 한 보기에</translation>
    </message>
    <message>
        <source>One panel per run</source>
        <translation>실행마다 패널 하나</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>예제(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Maps are for 2-D objectives; a network&apos;s landscape is on the contour view (Fit plane)</source>
        <translation>지도는 2차원 목적 함수 전용입니다. 신경망의 손실 지형은 등위선 보기에 있습니다 (평면 맞추기)</translation>
    </message>
    <message>
        <source>What-if replay is for 2-D races: on a network, edit a run&apos;s settings in the Optimizers dock (applied from the next step)</source>
        <translation>가정 실험 재실행은 2차원 경주 전용입니다. 신경망에서는 옵티마이저 패널에서 실행의 설정을 바꾸세요 (다음 스텝부터 적용)</translation>
    </message>
    <message>
        <source>the loss landscape is computed when Play pauses (or press Fit plane)</source>
        <translation>손실 지형은 재생이 멈출 때 계산합니다 (또는 평면 맞추기를 누르세요)</translation>
    </message>
    <message>
        <source>the loss surface could not be computed (the runs go on)</source>
        <translation>손실 곡면을 계산할 수 없습니다 (실행은 계속됩니다)</translation>
    </message>
    <message>
        <source>model at step {step} (nearest kept)</source>
        <translation>스텝 {step}의 모델 (저장된 가장 가까운 스텝)</translation>
    </message>
    <message>
        <source>viewing step {step} of {last}</source>
        <translation>스텝 {step} / {last} 보는 중</translation>
    </message>
    <message>
        <source>step {step} (live)</source>
        <translation>스텝 {step} (실시간)</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>no runs</source>
        <translation>실행 없음</translation>
    </message>
    <message>
        <source>step {step} · epoch {epoch} · iteration {i}/{n}</source>
        <translation>스텝 {step} · 에폭 {epoch} · 반복 {i}/{n}</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>스텝 {step}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>A network race starts from its initial weights (init and init seed in the Objective dock), the map&apos;s centre: there is no start to click.</source>
        <translation>신경망 경주는 지도의 중심인 초기 가중치(목적 함수 패널의 init과 init seed)에서 시작합니다. 클릭할 시작점이 없습니다.</translation>
    </message>
    <message>
        <source>Start point set to ({x}, {y}); the race restarts from there.</source>
        <translation>시작점을 ({x}, {y})(으)로 정했습니다. 경주가 거기서 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Open scene</source>
        <translation>장면 열기</translation>
    </message>
    <message>
        <source>Scenes (*.json);;All files (*)</source>
        <translation>장면 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Opened “{name}”: its explanation is in the Explain panel.</source>
        <translation>“{name}”을(를) 열었습니다. 설명은 설명 패널에 있습니다.</translation>
    </message>
    <message>
        <source>Opened “{name}”.</source>
        <translation>“{name}”을(를) 열었습니다.</translation>
    </message>
    <message>
        <source>Scenes (*.json)</source>
        <translation>장면 (*.json)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} 저장함</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG로 내보내기</translation>
    </message>
    <message>
        <source>Export SVG/PDF</source>
        <translation>SVG/PDF로 내보내기</translation>
    </message>
    <message>
        <source>{path}: a vector export is .svg or .pdf</source>
        <translation>{path}: 벡터 내보내기는 .svg나 .pdf입니다</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>{path}(으)로 내보냄</translation>
    </message>
    <message>
        <source>Fit the landscape&apos;s plane first (Fit plane, or pause), then export.</source>
        <translation>먼저 손실 지형의 평면을 맞춘 뒤 (평면 맞추기, 또는 일시 정지) 내보내세요.</translation>
    </message>
    <message>
        <source>The loss surface is still being computed; export again in a moment.</source>
        <translation>손실 곡면을 아직 계산하고 있습니다. 잠시 후 다시 내보내세요.</translation>
    </message>
    <message>
        <source>Nothing to animate: enable an optimizer first.</source>
        <translation>애니메이션할 것이 없습니다. 먼저 옵티마이저를 켜세요.</translation>
    </message>
    <message>
        <source>The animated export is for 2-D races; export a PNG of the network race instead.</source>
        <translation>애니메이션 내보내기는 2차원 경주 전용입니다. 신경망 경주는 대신 PNG로 내보내세요.</translation>
    </message>
    <message>
        <source>An animation is being exported already.</source>
        <translation>이미 애니메이션을 내보내고 있습니다.</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>애니메이션 내보내기</translation>
    </message>
    <message>
        <source>Rendering frames…</source>
        <translation>프레임 그리는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Animation export cancelled; nothing was written.</source>
        <translation>애니메이션 내보내기를 취소했습니다. 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Encoding…</source>
        <translation>인코딩 중…</translation>
    </message>
    <message>
        <source>The animation could not be exported ({error}).</source>
        <translation>애니메이션을 내보낼 수 없습니다 ({error}).</translation>
    </message>
    <message>
        <source>Exported {path} ({n} frames)</source>
        <translation>{path}(으)로 내보냄 (프레임 {n}개)</translation>
    </message>
    <message>
        <source>Nothing to export: enable an optimizer first.</source>
        <translation>내보낼 것이 없습니다. 먼저 옵티마이저를 켜세요.</translation>
    </message>
    <message>
        <source>Export trajectories</source>
        <translation>궤적 내보내기</translation>
    </message>
    <message>
        <source>Fit the landscape&apos;s plane first (Fit plane, or pause): the CSV&apos;s x, y are a run&apos;s coordinates on it.</source>
        <translation>먼저 손실 지형의 평면을 맞추세요 (평면 맞추기, 또는 일시 정지). CSV의 x, y는 그 평면 위 실행의 좌표입니다.</translation>
    </message>
</context>
</TS>
