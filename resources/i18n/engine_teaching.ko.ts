<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Explain</name>
    <message>
        <source>−∇f scaled, ⟂ the level curve (dashed)</source>
        <translation>−∇f (축척 조정), 등위선에 ⟂ (점선)</translation>
    </message>
    <message>
        <source>V velocity</source>
        <translation>V 속도</translation>
    </message>
    <message>
        <source>Δx next step (true scale)</source>
        <translation>Δx 다음 스텝 (실제 축척)</translation>
    </message>
    <message>
        <source>fan: {note}</source>
        <translation>부채꼴: {note}</translation>
    </message>
    <message>
        <source>B = {b}: spread {spread}×|∇f|</source>
        <translation>B = {b}: 퍼짐 {spread}×|∇f|</translation>
    </message>
    <message>
        <source>State history is kept for the first {n} steps.</source>
        <translation>상태 기록은 처음 {n} 스텝까지만 보관합니다.</translation>
    </message>
    <message>
        <source>{quantity}: {runs} (solid x, dashed y)</source>
        <translation>{quantity}: {runs} (실선 x, 점선 y)</translation>
    </message>
    <message>
        <source>No run here has {quantity}.</source>
        <translation>여기에는 {quantity}을(를) 가진 실행이 없습니다.</translation>
    </message>
    <message>
        <source>. SGD and momentum use η itself (η_t under a schedule); AdaGrad&apos;s can only shrink, RMSProp&apos;s and Adam&apos;s follow the recent gradients.</source>
        <translation>. SGD와 모멘텀은 η 자체를 씁니다 (스케줄이 있으면 η_t). AdaGrad의 값은 줄어들기만 하고, RMSProp과 Adam의 값은 최근 기울기를 따라갑니다.</translation>
    </message>
    <message>
        <source>. A run without a schedule keeps its η; a live η edit rescales a schedule from the next step.</source>
        <translation>. 스케줄이 없는 실행은 η를 유지합니다. 실행 중에 η를 바꾸면 다음 스텝부터 스케줄의 크기가 바뀝니다.</translation>
    </message>
    <message>
        <source>dotted: X&apos;ₙ − Xₙ = αVₙ₋₁, from {a} (Xₙ) to {b} (X&apos;ₙ)</source>
        <translation>점선: X&apos;ₙ − Xₙ = αVₙ₋₁, {a} (Xₙ)에서 {b} (X&apos;ₙ)까지</translation>
    </message>
    <message>
        <source>; give both the same η and α to see one method sampled at two points</source>
        <translation>; 둘에 같은 η와 α를 주면 한 방법을 두 점에서 샘플링한 모습을 볼 수 있습니다</translation>
    </message>
</context>
</TS>
