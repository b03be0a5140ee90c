<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Declarations</name>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Learning rate η: how far each step moves along the update direction.</source>
        <translation>학습률 η: 각 스텝이 갱신 방향으로 얼마나 멀리 움직이는지 정합니다.</translation>
    </message>
    <message>
        <source>momentum value</source>
        <translation>모멘텀 값</translation>
    </message>
    <message>
        <source>Momentum α (torch: momentum): the fraction of the previous velocity kept at each step.</source>
        <translation>모멘텀 α (torch: momentum): 각 스텝에서 이전 속도를 유지하는 비율입니다.</translation>
    </message>
    <message>
        <source>epsilon value</source>
        <translation>엡실론 값</translation>
    </message>
    <message>
        <source>ε: added to √h outside the square root, so the division never blows up.</source>
        <translation>ε: 제곱근 밖에서 √h에 더해, 나눗셈이 폭주하지 않게 합니다.</translation>
    </message>
    <message>
        <source>Weight decay λ, decoupled: θ shrinks by ηλθ at each step, apart from the adaptive update (AdamW, Lion).</source>
        <translation>가중치 감쇠 λ, 분리형: 적응형 갱신과 별개로 각 스텝마다 θ가 ηλθ만큼 줄어듭니다 (AdamW, Lion).</translation>
    </message>
    <message>
        <source>Weight decay λ, L2: λθ is added to the gradient, as if λ/2·|θ|² were added to the loss.</source>
        <translation>가중치 감쇠 λ, L2: 손실에 λ/2·|θ|²를 더한 것처럼 기울기에 λθ를 더합니다.</translation>
    </message>
    <message>
        <source>weight_decay value</source>
        <translation>weight_decay 값</translation>
    </message>
    <message>
        <source>β₂: decay of the second-moment average v of g².</source>
        <translation>β₂: g²의 2차 모멘트 평균 v의 감쇠율입니다.</translation>
    </message>
    <message>
        <source>beta parameter at index 0</source>
        <translation>인덱스 0의 beta 매개변수</translation>
    </message>
    <message>
        <source>β₁: decay of the first-moment (momentum) average m.</source>
        <translation>β₁: 1차 모멘트(모멘텀) 평균 m의 감쇠율입니다.</translation>
    </message>
    <message>
        <source>beta parameter at index 1</source>
        <translation>인덱스 1의 beta 매개변수</translation>
    </message>
    <message>
        <source>dampening value</source>
        <translation>dampening 값</translation>
    </message>
    <message>
        <source>Dampening τ: from the second step on, the gradient enters the velocity scaled by 1 − τ (torch ignores it when momentum is 0).</source>
        <translation>댐프닝 τ: 두 번째 스텝부터 기울기가 1 − τ배로 줄어 속도에 더해집니다 (모멘텀이 0이면 torch는 무시합니다).</translation>
    </message>
    <message>
        <source>amsgrad value</source>
        <translation>amsgrad 값</translation>
    </message>
    <message>
        <source>AMSGrad: divide by the running maximum of v instead of v, so the effective learning rate never grows.</source>
        <translation>AMSGrad: v 대신 지금까지의 v 최댓값으로 나누어, 유효 학습률이 절대 커지지 않게 합니다.</translation>
    </message>
    <message>
        <source>the book&apos;s code (Deep Learning from Scratch, common/optimizer.py)</source>
        <translation>책의 코드 (밑바닥부터 시작하는 딥러닝, common/optimizer.py)</translation>
    </message>
    <message>
        <source>Gradient descent: step straight downhill, a distance proportional to the slope. On a narrow valley the steepest direction points across the valley rather than along it, so SGD zig-zags; above η = 2/λ_max it overshoots more each step and diverges.</source>
        <translation>경사 하강법: 기울기에 비례하는 거리만큼 곧장 내리막으로 이동합니다. 좁은 골짜기에서는 가장 가파른 방향이 골짜기를 따라가지 않고 가로지르므로 SGD는 지그재그로 움직이며, η = 2/λ_max를 넘으면 스텝마다 더 크게 지나쳐 발산합니다.</translation>
    </message>
    <message>
        <source>A heavy ball rolling downhill: the velocity V keeps a fraction α of itself and adds the new gradient step, so pushes that agree from step to step add up (up to 1/(1−α) times one step along a valley) while the zig-zag across it cancels out.</source>
        <translation>내리막을 구르는 무거운 공: 속도 V는 자신의 α만큼을 유지하고 새 기울기 스텝을 더합니다. 그래서 스텝마다 같은 방향으로 미는 힘은 쌓이고(골짜기를 따라 한 스텝의 최대 1/(1−α)배), 골짜기를 가로지르는 지그재그는 상쇄됩니다.</translation>
    </message>
    <message>
        <source>Momentum (book)</source>
        <translation>Momentum (책)</translation>
    </message>
    <message>
        <source>not torch&apos;s: the book&apos;s Momentum(lr, momentum)</source>
        <translation>torch가 아닌 책의 Momentum(lr, momentum)</translation>
    </message>
    <message>
        <source>The book&apos;s heavy ball keeps the velocity v itself, η included: the same path as torch&apos;s buffer form while η is fixed, but under a schedule v still carries the old steps&apos; η, where torch&apos;s buffer b holds gradients only and every step uses η_t.</source>
        <translation>책의 무거운 공은 η를 포함한 속도 v 자체를 유지합니다. η가 고정되어 있으면 torch의 버퍼 형태와 같은 경로이지만, 스케줄이 있으면 v에 이전 스텝들의 η가 남아 있습니다. torch의 버퍼 b는 기울기만 담고 모든 스텝이 η_t를 씁니다.</translation>
    </message>
    <message>
        <source>Nesterov (look-ahead)</source>
        <translation>Nesterov (미리 보기)</translation>
    </message>
    <message>
        <source>no torch equivalent (torch samples X&apos; = X + αV)</source>
        <translation>torch에 대응하는 것 없음 (torch는 X&apos; = X + αV에서 샘플링)</translation>
    </message>
    <message>
        <source>Momentum that looks before it leaps: the gradient is taken where the velocity is about to carry the point, x + αV, so the ball brakes before it climbs the far wall of a valley instead of after.</source>
        <translation>뛰기 전에 먼저 보는 모멘텀: 속도가 점을 옮겨 놓을 위치 x + αV에서 기울기를 구하므로, 공이 골짜기 반대편 벽을 오른 뒤가 아니라 오르기 전에 제동합니다.</translation>
    </message>
    <message>
        <source>Nesterov (Bengio)</source>
        <translation>Nesterov (Bengio)</translation>
    </message>
    <message>
        <source>Nesterov&apos;s method rewritten so that the gradient is taken at the point stored, as torch does: its points are the look-ahead points x + αV of the other form, so the two paths are the same path seen from two places.</source>
        <translation>torch처럼 저장된 점에서 기울기를 구하도록 다시 쓴 Nesterov 방법입니다. 이 점들은 다른 형태의 미리 보기 점 x + αV이므로, 두 경로는 두 곳에서 본 같은 경로입니다.</translation>
    </message>
    <message>
        <source>Nesterov (book)</source>
        <translation>Nesterov (책)</translation>
    </message>
    <message>
        <source>not torch&apos;s: the book&apos;s Nesterov(lr, momentum)</source>
        <translation>torch가 아닌 책의 Nesterov(lr, momentum)</translation>
    </message>
    <message>
        <source>The book&apos;s Nesterov code applies α²v with the velocity v it has just updated, where Bengio&apos;s formula x&apos; ← x&apos; + α²V − (1+α)η∇f uses the previous one. So it is not Bengio&apos;s method: from v = 0 its first step is (1+α+α²)η∇f against (1+α)η∇f, and every step leans further along the velocity.</source>
        <translation>책의 Nesterov 코드는 방금 갱신한 속도 v로 α²v를 적용하지만, Bengio의 식 x&apos; ← x&apos; + α²V − (1+α)η∇f는 이전 속도를 씁니다. 따라서 Bengio의 방법이 아닙니다: v = 0에서 첫 스텝은 (1+α)η∇f가 아니라 (1+α+α²)η∇f이고, 스텝마다 속도 방향으로 더 기웁니다.</translation>
    </message>
    <message>
        <source>lr_decay value</source>
        <translation>lr_decay 값</translation>
    </message>
    <message>
        <source>Learning-rate decay: step t uses η/(1 + (t−1)·lr_decay).</source>
        <translation>학습률 감쇠: 스텝 t는 η/(1 + (t−1)·lr_decay)를 씁니다.</translation>
    </message>
    <message>
        <source>initial_accumulator_value value</source>
        <translation>initial_accumulator_value 값</translation>
    </message>
    <message>
        <source>h₀: the value the sum of squared gradients h starts from (damps the first steps).</source>
        <translation>h₀: 기울기 제곱의 합 h의 시작값입니다 (처음 스텝들을 누그러뜨립니다).</translation>
    </message>
    <message>
        <source>Each coordinate gets its own learning rate η/√h, where h sums every squared gradient that coordinate has seen: steep directions are slowed at once and gentle ones keep moving. Since h only grows, the steps only shrink, which can stop it before the minimum.</source>
        <translation>각 좌표가 자신의 학습률 η/√h를 가집니다. h는 그 좌표가 본 모든 기울기 제곱의 합이므로, 가파른 방향은 곧바로 느려지고 완만한 방향은 계속 움직입니다. h는 커지기만 하므로 스텝은 줄어들기만 하고, 최솟값에 닿기 전에 멈출 수도 있습니다.</translation>
    </message>
    <message>
        <source>AdaGrad (book)</source>
        <translation>AdaGrad (책)</translation>
    </message>
    <message>
        <source>not torch&apos;s: the book&apos;s AdaGrad(lr)</source>
        <translation>torch가 아닌 책의 AdaGrad(lr)</translation>
    </message>
    <message>
        <source>The book&apos;s AdaGrad: torch&apos;s rule without its options, with the book&apos;s ε = 1e-7.</source>
        <translation>책의 AdaGrad: 옵션 없는 torch의 규칙에 책의 ε = 1e-7을 씁니다.</translation>
    </message>
    <message>
        <source>alpha value</source>
        <translation>alpha 값</translation>
    </message>
    <message>
        <source>Decay rate γ (torch: alpha): how much of the old average of g² is kept.</source>
        <translation>감쇠율 γ (torch: alpha): g²의 이전 평균을 얼마나 유지하는지 정합니다.</translation>
    </message>
    <message>
        <source>Momentum μ: b ← μb + g/(√h + ε) and x ← x − ηb (0: no momentum buffer).</source>
        <translation>모멘텀 μ: b ← μb + g/(√h + ε), x ← x − ηb (0: 모멘텀 버퍼 없음).</translation>
    </message>
    <message>
        <source>centered value</source>
        <translation>centered 값</translation>
    </message>
    <message>
        <source>Centered: divide by an estimate of the gradient&apos;s variance, h − ḡ², instead of h.</source>
        <translation>중심화: h 대신 기울기 분산의 추정값 h − ḡ²로 나눕니다.</translation>
    </message>
    <message>
        <source>AdaGrad with a memory that fades: h is an exponential average of recent squared gradients, so the per-coordinate rate η/√h adapts to where the run is now and no longer dies out. Centered, it divides by the variance of the gradient instead; with momentum, the scaled steps are accumulated like a heavy ball&apos;s.</source>
        <translation>기억이 흐려지는 AdaGrad: h는 최근 기울기 제곱의 지수 평균이므로, 좌표별 학습률 η/√h가 실행의 현재 위치에 맞춰지고 더는 꺼져 버리지 않습니다. 중심화하면 대신 기울기의 분산으로 나누고, 모멘텀을 쓰면 조정된 스텝이 무거운 공처럼 누적됩니다.</translation>
    </message>
    <message>
        <source>RMSProp (book)</source>
        <translation>RMSProp (책)</translation>
    </message>
    <message>
        <source>Decay rate γ (the book: decay_rate): how much of the old average of g² is kept.</source>
        <translation>감쇠율 γ (책: decay_rate): g²의 이전 평균을 얼마나 유지하는지 정합니다.</translation>
    </message>
    <message>
        <source>not torch&apos;s: the book&apos;s RMSprop(lr, decay_rate=γ)</source>
        <translation>torch가 아닌 책의 RMSprop(lr, decay_rate=γ)</translation>
    </message>
    <message>
        <source>The book&apos;s RMSprop: torch&apos;s rule without momentum or centering, with ε = 1e-7.</source>
        <translation>책의 RMSprop: 모멘텀과 중심화가 없는 torch의 규칙에 ε = 1e-7을 씁니다.</translation>
    </message>
    <message>
        <source>Momentum and RMSProp together: m averages the gradients (the direction), v averages their squares (the scale), and both are divided by 1 − βᵗ to undo their start at zero. The step m̂/√v̂ is about η per coordinate whatever the slope. AMSGrad divides by the largest v so far, so the rate never grows back.</source>
        <translation>모멘텀과 RMSProp의 결합: m은 기울기(방향)를, v는 그 제곱(크기)을 평균하고, 0에서 시작한 영향을 없애려고 둘 다 1 − βᵗ로 나눕니다. 스텝 m̂/√v̂는 기울기와 상관없이 좌표마다 약 η입니다. AMSGrad는 지금까지 가장 큰 v로 나누므로 학습률이 다시 커지지 않습니다.</translation>
    </message>
    <message>
        <source>Adam (book)</source>
        <translation>Adam (책)</translation>
    </message>
    <message>
        <source>not torch&apos;s: the book&apos;s Adam(lr, beta1, beta2)</source>
        <translation>torch가 아닌 책의 Adam(lr, beta1, beta2)</translation>
    </message>
    <message>
        <source>The book&apos;s Adam folds both bias corrections into the step size η_t and adds ε = 1e-7 to the uncorrected √v: torch&apos;s path up to where ε matters (ε√(1−β₂ᵗ) against ε).</source>
        <translation>책의 Adam은 두 편향 보정을 스텝 크기 η_t에 합치고 보정하지 않은 √v에 ε = 1e-7을 더합니다: ε이 영향을 주는 곳(ε 대 ε√(1−β₂ᵗ))을 빼면 torch와 같은 경로입니다.</translation>
    </message>
    <message>
        <source>Adam (no bias correction)</source>
        <translation>Adam (편향 보정 없음)</translation>
    </message>
    <message>
        <source>no torch equivalent: Adam without the m̂, v̂ correction (for teaching)</source>
        <translation>torch에 대응하는 것 없음: m̂, v̂ 보정이 없는 Adam (교육용)</translation>
    </message>
    <message>
        <source>Adam without dividing by 1 − βᵗ: since m and v start at zero, their ratio is off by (1−β₁ᵗ)/√(1−β₂ᵗ) in the first steps (over 3 times too large with the default betas), which is what the bias correction is for.</source>
        <translation>1 − βᵗ로 나누지 않는 Adam: m과 v가 0에서 시작하므로 처음 스텝들에서 그 비가 (1−β₁ᵗ)/√(1−β₂ᵗ)만큼 어긋납니다 (기본 beta에서는 3배 이상 큼). 편향 보정은 바로 이것을 위한 것입니다.</translation>
    </message>
    <message>
        <source>Adam with the weight decay taken out of the gradient: x shrinks by ηλx at each step, apart from the adaptive step. In Adam, L2 decay added to the gradient is divided by √v̂ like everything else, so steep coordinates are barely decayed; AdamW decays all alike.</source>
        <translation>가중치 감쇠를 기울기에서 분리한 Adam: 적응형 스텝과 별개로 각 스텝마다 x가 ηλx만큼 줄어듭니다. Adam에서는 기울기에 더한 L2 감쇠도 다른 항처럼 √v̂로 나뉘어 가파른 좌표는 거의 감쇠되지 않지만, AdamW는 모두 똑같이 감쇠합니다.</translation>
    </message>
    <message>
        <source>momentum_decay value</source>
        <translation>momentum_decay 값</translation>
    </message>
    <message>
        <source>Momentum decay ψ: the momentum μ_t = β₁(1 − ½·0.96^(tψ)) warms up from β₁/2.</source>
        <translation>모멘텀 감쇠 ψ: 모멘텀 μ_t = β₁(1 − ½·0.96^(tψ))가 β₁/2에서부터 워밍업합니다.</translation>
    </message>
    <message>
        <source>μ_t = β₁(1 − ½·0.96^(tψ));  m, v as Adam;  m̂ = μ_t+1 m/(1 − ∏μ) + (1−μ_t)∇f/(1 − ∏μ);  x ← x − η m̂ / (√v̂ + ε)</source>
        <translation>μ_t = β₁(1 − ½·0.96^(tψ));  m, v는 Adam과 같음;  m̂ = μ_t+1 m/(1 − ∏μ) + (1−μ_t)∇f/(1 − ∏μ);  x ← x − η m̂ / (√v̂ + ε)</translation>
    </message>
    <message>
        <source>Adam with Nesterov&apos;s look-ahead: the step uses the momentum m as it will be after one more decay, plus the current gradient, instead of m as it is, so it reacts a step earlier. Its momentum μ_t warms up slowly from β₁/2 towards β₁ (ψ sets how slowly).</source>
        <translation>Nesterov의 미리 보기를 더한 Adam: 스텝에 현재의 m 대신 한 번 더 감쇠한 뒤의 모멘텀 m과 현재 기울기를 쓰므로 한 스텝 먼저 반응합니다. 모멘텀 μ_t는 β₁/2에서 β₁까지 천천히 워밍업합니다 (ψ가 속도를 정합니다).</translation>
    </message>
    <message>
        <source>m̂ = m/(1−β₁ᵗ);  ρ_t = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);  once ρ_t exceeds 5: x ← x − η r_t √(1−β₂ᵗ)/(√v + ε) m̂,  before: x ← x − η m̂</source>
        <translation>m̂ = m/(1−β₁ᵗ);  ρ_t = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);  ρ_t가 5를 넘으면: x ← x − η r_t √(1−β₂ᵗ)/(√v + ε) m̂,  그 전: x ← x − η m̂</translation>
    </message>
    <message>
        <source>Rectified Adam: in the first steps v has averaged too few squared gradients for 1/√v to be trusted, so RAdam measures how many it effectively has (ρ_t) and, while ρ_t ≤ 5, takes plain momentum steps η m̂ without any adaptive rate. After that it uses Adam&apos;s rate scaled by r_t &lt; 1, which grows towards 1 as the estimate firms up: a built-in warm-up.</source>
        <translation>정류된 Adam: 처음 스텝들에서는 v가 평균한 기울기 제곱이 너무 적어 1/√v를 믿을 수 없으므로, RAdam은 실제로 몇 개를 가졌는지(ρ_t)를 재고 ρ_t ≤ 5인 동안 적응형 학습률 없이 단순 모멘텀 스텝 η m̂을 밟습니다. 그 뒤에는 Adam의 학습률에 r_t &lt; 1을 곱해 쓰며, 추정이 안정될수록 r_t는 1로 커집니다: 내장된 워밍업입니다.</translation>
    </message>
    <message>
        <source>β₂: decay of the infinity norm u.</source>
        <translation>β₂: 무한대 노름 u의 감쇠율입니다.</translation>
    </message>
    <message>
        <source>Adam with the root mean square replaced by a decaying maximum: u remembers the largest recent |gradient| per coordinate, so one steep step keeps the rate small for a while and u needs no bias correction.</source>
        <translation>제곱평균제곱근을 감쇠하는 최댓값으로 바꾼 Adam: u는 좌표마다 최근 가장 큰 |기울기|를 기억하므로, 가파른 스텝 한 번이 한동안 학습률을 작게 유지하고 u에는 편향 보정이 필요 없습니다.</translation>
    </message>
    <message>
        <source>rho value</source>
        <translation>rho 값</translation>
    </message>
    <message>
        <source>ρ: decay of both running averages, of g² (h) and of the squared steps (u).</source>
        <translation>ρ: 두 이동 평균, 즉 g²의 평균(h)과 스텝 제곱의 평균(u)의 감쇠율입니다.</translation>
    </message>
    <message>
        <source>RMSProp whose learning rate is itself learned: the gradient is scaled by the RMS of recent steps over the RMS of recent gradients, which has the units of x, so η = 1 works. It starts very slowly (√ε over the gradient&apos;s size) and speeds up as its steps grow.</source>
        <translation>학습률 자체를 학습하는 RMSProp: 기울기에 최근 스텝의 RMS를 최근 기울기의 RMS로 나눈 값을 곱합니다. 이 값은 x의 단위를 가지므로 η = 1로 동작합니다. 아주 느리게 시작해서(기울기 크기 대비 √ε) 스텝이 커질수록 빨라집니다.</translation>
    </message>
    <message>
        <source>β₂: decay of the momentum m that is kept.</source>
        <translation>β₂: 유지되는 모멘텀 m의 감쇠율입니다.</translation>
    </message>
    <message>
        <source>not in torch.optim (Lion, Chen et al. 2023)</source>
        <translation>torch.optim에 없음 (Lion, Chen et al. 2023)</translation>
    </message>
    <message>
        <source>Only the sign of an interpolated momentum is used, so every coordinate moves by exactly η each step, whatever the slope: no division, one buffer. It interpolates with β₁ for the step but keeps the longer memory β₂ in m.</source>
        <translation>보간한 모멘텀의 부호만 쓰므로, 기울기와 상관없이 모든 좌표가 스텝마다 정확히 η만큼 움직입니다: 나눗셈이 없고 버퍼는 하나입니다. 스텝에는 β₁로 보간하지만 m에는 더 긴 기억인 β₂를 유지합니다.</translation>
    </message>
</context>
<context>
    <name>OptimizerSpec</name>
    <message>
        <source>convention: expected &quot;torch&quot; or &quot;book&quot;, got {value}</source>
        <translation>convention: &quot;torch&quot; 또는 &quot;book&quot;이어야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>convention: &quot;book&quot; is only for {types} ({name} is not in the book&apos;s code)</source>
        <translation>convention: &quot;book&quot;은 {types}에만 쓸 수 있습니다 ({name}은(는) 책의 코드에 없습니다)</translation>
    </message>
    <message>
        <source>{name}: the book&apos;s code has no {name}; with &quot;convention&quot;: &quot;book&quot; leave it at {default}</source>
        <translation>{name}: 책의 코드에는 {name}이(가) 없습니다. &quot;convention&quot;: &quot;book&quot;에서는 {default}로 두세요</translation>
    </message>
    <message>
        <source>{name} optimizer</source>
        <translation>{name} 옵티마이저</translation>
    </message>
    <message>
        <source>Unknown optimizer type {name} (known: {known})</source>
        <translation>알 수 없는 옵티마이저 종류 {name} (가능한 값: {known})</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <source>∇f = {grad} at x_{{{k}}}</source>
        <translation>x_{{{k}}}에서 ∇f = {grad}</translation>
    </message>
    <message>
        <source>L2 weight decay λ = {value}</source>
        <translation>L2 가중치 감쇠 λ = {value}</translation>
    </message>
    <message>
        <source>dampening τ = {value}</source>
        <translation>댐프닝 τ = {value}</translation>
    </message>
    <message>
        <source>the first step is undamped: V = −η∇f</source>
        <translation>첫 스텝에는 댐프닝이 없습니다: V = −η∇f</translation>
    </message>
    <message>
        <source>∇f = {grad} at x</source>
        <translation>x에서 ∇f = {grad}</translation>
    </message>
    <message>
        <source>look-ahead x + αV = {q}</source>
        <translation>미리 보기 점 x + αV = {q}</translation>
    </message>
    <message>
        <source>∇f = {grad} at the look-ahead point</source>
        <translation>미리 보기 점에서 ∇f = {grad}</translation>
    </message>
    <message>
        <source>Δx&apos; = αV − η{g} = {update}  (torch: SGD nesterov=True)</source>
        <translation>Δx&apos; = αV − η{g} = {update}  (torch: SGD nesterov=True)</translation>
    </message>
    <message>
        <source>effective learning rate per coordinate</source>
        <translation>좌표별 유효 학습률</translation>
    </message>
    <message>
        <source>h starts at h₀ = {value}</source>
        <translation>h는 h₀ = {value}에서 시작</translation>
    </message>
    <message>
        <source>centered: divide by the variance h − ḡ⊙ḡ</source>
        <translation>중심화: 분산 h − ḡ⊙ḡ로 나눔</translation>
    </message>
    <message>
        <source>momentum μ = {value}</source>
        <translation>모멘텀 μ = {value}</translation>
    </message>
    <message>
        <source>bias corrections (t = {t}): 1−β₁ᵗ = {bc1}, 1−β₂ᵗ = {bc2}</source>
        <translation>편향 보정 (t = {t}): 1−β₁ᵗ = {bc1}, 1−β₂ᵗ = {bc2}</translation>
    </message>
    <message>
        <source>AMSGrad: divide by the largest v so far</source>
        <translation>AMSGrad: 지금까지 가장 큰 v로 나눔</translation>
    </message>
    <message>
        <source>decoupled weight decay: x shrinks by ηλ = {value} of itself</source>
        <translation>분리형 가중치 감쇠: x가 자신의 ηλ = {value}만큼 줄어듦</translation>
    </message>
    <message>
        <source>no bias correction: m/√v is (1−β₁ᵗ)/√(1−β₂ᵗ) = {factor} × Adam&apos;s m̂/√v̂ (t = {t})</source>
        <translation>편향 보정 없음: m/√v는 Adam의 m̂/√v̂의 (1−β₁ᵗ)/√(1−β₂ᵗ) = {factor}배 (t = {t})</translation>
    </message>
    <message>
        <source>the momentum warms up from β₁/2 towards β₁</source>
        <translation>모멘텀이 β₁/2에서 β₁로 워밍업</translation>
    </message>
    <message>
        <source>∏μ = μ₁⋯μ_t = {value}; Nesterov&apos;s look-ahead applied to m</source>
        <translation>∏μ = μ₁⋯μ_t = {value}; m에 Nesterov의 미리 보기 적용</translation>
    </message>
    <message>
        <source>ρ_t exceeds 5: the variance of the adaptive rate is tractable, so it is used</source>
        <translation>ρ_t가 5를 넘음: 적응형 학습률의 분산을 다룰 수 있으므로 사용</translation>
    </message>
    <message>
        <source>r_t = {r} (rectification),  l_t = √(1−β₂ᵗ)/(√v + ε) = {l}</source>
        <translation>r_t = {r} (정류),  l_t = √(1−β₂ᵗ)/(√v + ε) = {l}</translation>
    </message>
    <message>
        <source>ρ_t ≤ 5: too few steps to estimate the variance of v, so no adaptive rate yet</source>
        <translation>ρ_t ≤ 5: v의 분산을 추정하기에 스텝이 너무 적어 아직 적응형 학습률 없음</translation>
    </message>
    <message>
        <source>un-adapted: momentum SGD until ρ_t exceeds 5</source>
        <translation>적응 전: ρ_t가 5를 넘을 때까지 모멘텀 SGD</translation>
    </message>
    <message>
        <source>an exponentially weighted ∞-norm instead of √v</source>
        <translation>√v 대신 지수 가중 ∞-노름</translation>
    </message>
    <message>
        <source>RMS of past updates over RMS of gradients: the units of x</source>
        <translation>지난 갱신의 RMS를 기울기의 RMS로 나눈 값: x의 단위</translation>
    </message>
    <message>
        <source>every coordinate moves by exactly η</source>
        <translation>모든 좌표가 정확히 η만큼 움직임</translation>
    </message>
    <message>
        <source>decoupled weight decay λ = {value}</source>
        <translation>분리형 가중치 감쇠 λ = {value}</translation>
    </message>
    <message>
        <source>the momentum kept is β₂&apos;s, not β₁&apos;s</source>
        <translation>유지되는 모멘텀은 β₁이 아니라 β₂의 것</translation>
    </message>
    <message>
        <source>the book keeps v itself: η is inside it</source>
        <translation>책은 v 자체를 유지: η가 그 안에 들어 있음</translation>
    </message>
    <message>
        <source>with the new v: not Bengio&apos;s αV − η∇f (first step (1+α+α²)η∇f, not (1+α)η∇f)</source>
        <translation>새 v 사용: Bengio의 αV − η∇f가 아님 (첫 스텝이 (1+α)η∇f가 아니라 (1+α+α²)η∇f)</translation>
    </message>
    <message>
        <source>t = {t}: the bias correction folded into the step size</source>
        <translation>t = {t}: 편향 보정을 스텝 크기에 합침</translation>
    </message>
</context>
</TS>
