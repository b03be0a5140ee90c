<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>BatchPanel</name>
    <message>
        <source>Full batch (batch GD)</source>
        <translation>전체 배치 (배치 경사 하강법)</translation>
    </message>
    <message>
        <source>Every step uses the whole data set: smooth and exact, but each step costs N rows.</source>
        <translation>모든 스텝이 데이터 전체를 사용: 매끄럽고 정확하지만 스텝마다 N개 행의 비용이 듭니다.</translation>
    </message>
    <message>
        <source>Stochastic (one sample)</source>
        <translation>확률적 (샘플 하나)</translation>
    </message>
    <message>
        <source>Every step uses one row: cheap and noisy.</source>
        <translation>모든 스텝이 행 하나를 사용: 싸지만 잡음이 큽니다.</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>미니 배치</translation>
    </message>
    <message>
        <source>Every step uses B rows; an epoch is one pass over the data.</source>
        <translation>모든 스텝이 B개 행을 사용; 에폭은 데이터를 한 번 훑는 것입니다.</translation>
    </message>
    <message>
        <source>B: rows per step for mini-batch gradient descent.</source>
        <translation>B: 미니 배치 경사 하강법에서 스텝당 행 수.</translation>
    </message>
    <message>
        <source>batch size B</source>
        <translation>배치 크기 B</translation>
    </message>
    <message>
        <source>shuffle every epoch</source>
        <translation>에폭마다 섞기</translation>
    </message>
    <message>
        <source>Permute the rows at the start of every epoch (from the scene&apos;s seed); otherwise batches are consecutive rows [0:B], [B:2B], …</source>
        <translation>매 에폭 시작에 행을 섞습니다 (장면의 시드로); 끄면 배치는 연속된 행 [0:B], [B:2B], …</translation>
    </message>
    <message>
        <source>drop the last partial batch</source>
        <translation>나머지 버리기 (마지막 불완전 배치)</translation>
    </message>
    <message>
        <source>When B does not divide N, skip the remainder (1050 rows, B = 100 → 50 dropped).</source>
        <translation>B가 N을 나누어떨어뜨리지 않으면 나머지를 건너뜁니다 (1050행, B = 100 → 50개 버림).</translation>
    </message>
    <message>
        <source>Seed of the shuffling: the same seed replays the same batches. 0 to 4294967295.</source>
        <translation>섞기의 시드: 같은 시드는 같은 배치를 재현합니다. 0부터 4294967295까지.</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Batch strategies apply to data-defined objectives (linear or logistic regression); this surface has an exact gradient.</source>
        <translation>배치 전략은 데이터로 정의된 목적 함수(선형 회귀, 로지스틱 회귀)에만 적용됩니다; 이 곡면은 정확한 기울기를 가집니다.</translation>
    </message>
    <message>
        <source>; {n} rows dropped per epoch</source>
        <translation>; 에폭마다 {n}개 행 버림</translation>
    </message>
    <message>
        <source>; no rows dropped</source>
        <translation>; 버리는 행 없음</translation>
    </message>
    <message>
        <source>{n} samples · batch of {size} · {k} iterations per epoch{dropped}</source>
        <translation>샘플 {n}개 · 배치 {size} · 에폭당 반복 {k}회{dropped}</translation>
    </message>
    <message>
        <source>{n} samples · batch of {size} · {k} iteration per epoch{dropped}</source>
        <translation>샘플 {n}개 · 배치 {size} · 에폭당 반복 {k}회{dropped}</translation>
    </message>
</context>
<context>
    <name>ObjectivePanel</name>
    <message>
        <source>The loss surface the optimizers race on (changing it resets the race).</source>
        <translation>옵티마이저들이 경주하는 손실 곡면 (바꾸면 경주가 리셋됩니다).</translation>
    </message>
    <message>
        <source>e.g. x**2/20 + y**2</source>
        <translation>예: x**2/20 + y**2</translation>
    </message>
    <message>
        <source>f(x, y) with + − * / ** ^, parentheses, pi, e and sin cos tan exp log sqrt abs tanh sinh cosh. Press Enter to apply.</source>
        <translation>f(x, y): + − * / ** ^, 괄호, pi, e 그리고 sin cos tan exp log sqrt abs tanh sinh cosh 사용 가능. Enter를 누르면 적용됩니다.</translation>
    </message>
    <message>
        <source>Apply the formula with the start moved to the nearest point of its grid where f and its gradient are finite.</source>
        <translation>시작점을 f와 그 기울기가 유한한 가장 가까운 격자점으로 옮겨 수식을 적용합니다.</translation>
    </message>
    <message>
        <source>View bounds of the formula: x min</source>
        <translation>수식의 보기 범위: x 최소</translation>
    </message>
    <message>
        <source>View bounds of the formula: x max</source>
        <translation>수식의 보기 범위: x 최대</translation>
    </message>
    <message>
        <source>View bounds of the formula: y min</source>
        <translation>수식의 보기 범위: y 최소</translation>
    </message>
    <message>
        <source>View bounds of the formula: y max</source>
        <translation>수식의 보기 범위: y 최대</translation>
    </message>
    <message>
        <source>view x min, x max, y min, y max</source>
        <translation>보기 범위 x 최소, x 최대, y 최소, y 최대</translation>
    </message>
    <message>
        <source>Apply formula</source>
        <translation>수식 적용</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Synthetic</source>
        <translation>합성</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 파일</translation>
    </message>
    <message>
        <source>The synthetic data set: generated from the seed below, so there is something to see without a file</source>
        <translation>합성 데이터 세트: 아래 시드로 생성되므로 파일 없이도 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Load CSV…</source>
        <translation>CSV 불러오기…</translation>
    </message>
    <message>
        <source>A CSV file with a header row; pick the x and y columns below.</source>
        <translation>머리글 행이 있는 CSV 파일; 아래에서 x 열과 y 열을 고르세요.</translation>
    </message>
    <message>
        <source>x column</source>
        <translation>x 열</translation>
    </message>
    <message>
        <source>y column</source>
        <translation>y 열</translation>
    </message>
    <message>
        <source>Start point</source>
        <translation>시작점</translation>
    </message>
    <message>
        <source>Start x; you can also click the contour map to set the start point.</source>
        <translation>시작 x; 등위선 지도를 클릭해서 시작점을 정할 수도 있습니다.</translation>
    </message>
    <message>
        <source>Start y; you can also click the contour map to set the start point.</source>
        <translation>시작 y; 등위선 지도를 클릭해서 시작점을 정할 수도 있습니다.</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>기본값</translation>
    </message>
    <message>
        <source>Go back to this objective&apos;s suggested start point.</source>
        <translation>이 목적 함수의 권장 시작점으로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Tip: click the contour map to start from there.</source>
        <translation>팁: 등위선 지도를 클릭하면 그곳에서 시작합니다.</translation>
    </message>
    <message>
        <source>{file}: {n} rows</source>
        <translation>{file}: {n}행</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b7a1b&apos;&gt;✓ valid — press Enter to apply&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#1b7a1b&apos;&gt;✓ 올바름 — Enter를 눌러 적용&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Formula view bounds: x min must be below x max and y min below y max.</source>
        <translation>수식 보기 범위: x 최소는 x 최대보다, y 최소는 y 최대보다 작아야 합니다.</translation>
    </message>
    <message>
        <source>its gradient is not finite there</source>
        <translation>그곳에서 기울기가 유한하지 않습니다</translation>
    </message>
    <message>
        <source>; it is not defined anywhere on this view either (change the formula or the view bounds)</source>
        <translation>; 이 보기 범위 어디에서도 정의되지 않습니다 (수식이나 보기 범위를 바꾸세요)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;✗ f is not defined at the start ({x}, {y}): {why}{where}&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;✗ f가 시작점 ({x}, {y})에서 정의되지 않습니다: {why}{where}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Start at ({x}, {y})</source>
        <translation>({x}, {y})에서 시작</translation>
    </message>
    <message>
        <source>Load CSV</source>
        <translation>CSV 불러오기</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>OptimizersPanel</name>
    <message>
        <source>Add optimizer</source>
        <translation>옵티마이저 추가</translation>
    </message>
    <message>
        <source>Add a run of another update rule (restarts the race).</source>
        <translation>다른 갱신 규칙의 실행을 추가합니다 (경주가 다시 시작됨).</translation>
    </message>
    <message>
        <source>Diverged at step {step}: frozen there. Lower η and press Reset.</source>
        <translation>스텝 {step}에서 발산: 그 자리에 멈췄습니다. η를 낮추고 리셋을 누르세요.</translation>
    </message>
</context>
<context>
    <name>RunEditor</name>
    <message>
        <source>Take part in the race (toggling restarts the race so all runs start together).</source>
        <translation>경주에 참가 (켜고 끄면 모든 실행이 함께 출발하도록 경주가 다시 시작됨).</translation>
    </message>
    <message>
        <source>Colour of this run&apos;s trajectory and loss curve.</source>
        <translation>이 실행의 궤적과 손실 곡선의 색.</translation>
    </message>
    <message>
        <source>Label shown in the legend, the status bar and exported files.</source>
        <translation>범례, 상태 표시줄, 내보낸 파일에 쓰이는 이름.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>Duplicate this run (e.g. the same optimizer at another learning rate).</source>
        <translation>이 실행을 복제합니다 (예: 같은 옵티마이저를 다른 학습률로).</translation>
    </message>
    <message>
        <source>Remove this run.</source>
        <translation>이 실행을 제거합니다.</translation>
    </message>
    <message>
        <source>convention</source>
        <translation>규약</translation>
    </message>
    <message>
        <source>book</source>
        <translation>책</translation>
    </message>
    <message>
        <source>torch: torch.optim&apos;s form of the rule. book: the book&apos;s common/optimizer.py (its velocity, its Nesterov, ε = 1e-7). Restarts the race.</source>
        <translation>torch: torch.optim 형태의 규칙. 책: 책의 common/optimizer.py (그 속도 정의, 그 Nesterov, ε = 1e-7). 경주가 다시 시작됩니다.</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>as the scene</source>
        <translation>장면 설정대로</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>전체 배치</translation>
    </message>
    <message>
        <source>stochastic (B = 1)</source>
        <translation>확률적 (B = 1)</translation>
    </message>
    <message>
        <source>mini-batch</source>
        <translation>미니 배치</translation>
    </message>
    <message>
        <source>This run&apos;s own batch strategy (restarts the race). Runs with the same strategy see the same batch at every step.</source>
        <translation>이 실행만의 배치 전략 (경주가 다시 시작됨). 전략이 같은 실행들은 매 스텝 같은 배치를 봅니다.</translation>
    </message>
    <message>
        <source>Rows per step for this run&apos;s mini-batches</source>
        <translation>이 실행의 미니 배치에서 스텝당 행 수</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>스케줄</translation>
    </message>
    <message>
        <source>none (η at every step)</source>
        <translation>없음 (매 스텝 η)</translation>
    </message>
    <message>
        <source>Learning-rate schedule: η_t at step t (t = steps taken). Applies from the next step, without a reset; the state plot&apos;s “learning rate η_t” shows it.</source>
        <translation>학습률 스케줄: 스텝 t의 η_t (t = 지금까지의 스텝 수). 리셋 없이 다음 스텝부터 적용되며, 상태 그래프의 “학습률 η_t”에 나타납니다.</translation>
    </message>
    <message>
        <source>warmup {knob}</source>
        <translation>워밍업 {knob}</translation>
    </message>
    <message>
        <source>, after a linear warmup from η·s over w steps</source>
        <translation>, w 스텝 동안 η·s에서 선형 워밍업 후</translation>
    </message>
    <message>
        <source>{warn}stable on this quadratic for η &amp;lt; {limit}</source>
        <translation>{warn}이 2차 함수에서 η &amp;lt; {limit}이면 안정</translation>
    </message>
    <message>
        <source>Run colour</source>
        <translation>실행 색</translation>
    </message>
</context>
</TS>
