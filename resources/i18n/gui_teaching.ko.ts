<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Explain</name>
    <message>
        <source>{title}, step {k} → {next}</source>
        <translation>{title}, 스텝 {k} → {next}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Quadratic insight&lt;/b&gt; (Hessian H constant)&lt;br&gt;eigenvalues λ₁ = {l1}, λ₂ = {l2}; condition number κ = λ₂/λ₁ = {kappa}&lt;br&gt;GD is stable iff η &amp;lt; 2/λ_max = &lt;b&gt;{lr_max}&lt;/b&gt;; best fixed η = 2/(λ₁+λ₂) = {lr_best}&lt;br&gt;best heavy-ball momentum: α = ((√κ−1)/(√κ+1))² = {alpha} with η = 4/(√λ₁+√λ₂)² = {lr_momentum}</source>
        <translation>&lt;b&gt;2차 함수 분석&lt;/b&gt; (헤세 행렬 H 일정)&lt;br&gt;고윳값 λ₁ = {l1}, λ₂ = {l2}; 조건수 κ = λ₂/λ₁ = {kappa}&lt;br&gt;경사 하강법은 η &amp;lt; 2/λ_max = &lt;b&gt;{lr_max}&lt;/b&gt;일 때만 안정; 최적 고정 η = 2/(λ₁+λ₂) = {lr_best}&lt;br&gt;최적 헤비볼(무거운 공) 모멘텀: α = ((√κ−1)/(√κ+1))² = {alpha}, η = 4/(√λ₁+√λ₂)² = {lr_momentum}</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#b00020&apos;&gt;Diverged at step {step}: frozen here.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#b00020&apos;&gt;스텝 {step}에서 발산: 여기서 멈춤.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>The run whose arrows, rule and state are shown</source>
        <translation>화살표, 규칙, 상태를 보여 줄 실행</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>화살표</translation>
    </message>
    <message>
        <source>−∇f (scaled; perpendicular to the level curve, whose tangent is dashed), the velocity V and the next step Δx (true scale)</source>
        <translation>−∇f (크기 조정; 등위선에 수직이며 접선은 점선), 속도 V와 다음 스텝 Δx (실제 크기)</translation>
    </message>
    <message>
        <source>Nesterov both ways</source>
        <translation>Nesterov 두 형태</translation>
    </message>
    <message>
        <source>Link each look-ahead iterate X_n to Bengio&apos;s X&apos;_n = X_n + αV_{n−1}</source>
        <translation>미리 보기 반복점 X_n을 Bengio의 X&apos;_n = X_n + αV_{n−1}과 연결</translation>
    </message>
    <message>
        <source>Mini-batch fan</source>
        <translation>미니 배치 부채꼴</translation>
    </message>
    <message>
        <source>Gradients of 24 random mini-batches of the chosen size at the current point, around the full gradient (data objectives)</source>
        <translation>현재 점에서 선택한 크기의 무작위 미니 배치 24개의 기울기, 전체 기울기 주변 (데이터 목적 함수)</translation>
    </message>
    <message>
        <source>Hessian axes</source>
        <translation>헤세 축</translation>
    </message>
    <message>
        <source>Eigen-directions of the Hessian (quadratic objectives)</source>
        <translation>헤세 행렬의 고유 방향 (2차 목적 함수)</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>그래프</translation>
    </message>
    <message>
        <source>Optimizer state over the steps, for every run that has it (solid: x coordinate, dashed: y coordinate)</source>
        <translation>스텝에 따른 옵티마이저 상태, 상태가 있는 모든 실행 (실선: x 좌표, 점선: y 좌표)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#9a5b00&apos;&gt;&lt;b&gt;Start moved to ({x}, {y})&lt;/b&gt;: the explanation above refers to the scene&apos;s start ({x0}, {y0}).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#9a5b00&apos;&gt;&lt;b&gt;시작점을 ({x}, {y})로 옮김&lt;/b&gt;: 위 설명은 장면의 시작점 ({x0}, {y0}) 기준입니다.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;The quadratic insight and the map&apos;s arrows are for 2-D objectives; a network has one number per weight.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;2차 함수 분석과 지도의 화살표는 2차원 목적 함수용입니다; 신경망은 가중치마다 수가 하나씩 있습니다.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>The state plot is for 2-D races.</source>
        <translation>상태 그래프는 2차원 경주용입니다.</translation>
    </message>
    <message>
        <source>at step {step}: full-data loss {loss}, train accuracy {accuracy} %</source>
        <translation>스텝 {step}: 전체 데이터 손실 {loss}, 훈련 정확도 {accuracy} %</translation>
    </message>
    <message>
        <source>, batch loss {loss}</source>
        <translation>, 배치 손실 {loss}</translation>
    </message>
    <message>
        <source>, held-out accuracy {accuracy} %</source>
        <translation>, 검증 정확도 {accuracy} %</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#555&apos;&gt;Norms of the weights, gradient and state are shown when paused.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#555&apos;&gt;가중치, 기울기, 상태의 노름은 일시 정지 중에 표시됩니다.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;Quadratic insight appears for quadratic objectives (the bowl, linear regression).&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;2차 함수 분석은 2차 목적 함수(그릇, 선형 회귀)에서 나타납니다.&lt;/span&gt;</translation>
    </message>
</context>
</TS>
