<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Declarations</name>
    <message>
        <source>The map shows the full-data loss on a plane through the initial weights θ₀ (the white dot, where every run starts): θ₀ + a·d₁ + b·d₂. By default d₁, d₂ are the top two principal directions of the runs&apos; paths (Li et al. 2018, “Visualizing the Loss Landscape of Neural Nets”); the axes say how much of the paths&apos; spread each captures. What it can show: where the runs went relative to each other, and how the loss changes along the two directions they moved most. What it cannot: the other dimensions (D − 2 of them) — a valley that looks closed may be open in another direction, projected paths can cross where the paths never meet, and a run&apos;s loss is the contour under its dot only if its path lies in the plane. The random plane (two Gaussian directions, filter-normalised) shows what the runs saw around the start, not where they went.</source>
        <translation>이 지도는 초기 가중치 θ₀(모든 실행이 출발하는 흰 점)를 지나는 평면 위의 전체 데이터 손실을 보여 줍니다: θ₀ + a·d₁ + b·d₂. 기본적으로 d₁, d₂는 실행 경로들의 상위 두 주성분 방향이며(Li et al. 2018, “Visualizing the Loss Landscape of Neural Nets”), 축 제목은 각 방향이 경로 분산을 얼마나 설명하는지 알려 줍니다. 보여 줄 수 있는 것: 실행들이 서로에 대해 어디로 갔는지, 그리고 가장 많이 움직인 두 방향을 따라 손실이 어떻게 변하는지. 보여 줄 수 없는 것: 나머지 차원(D − 2개) — 닫혀 보이는 골짜기가 다른 방향으로는 열려 있을 수 있고, 실제로는 만나지 않는 경로가 투영에서는 교차할 수 있으며, 실행의 손실이 점 아래 등위선 값과 같은 것은 경로가 평면 안에 있을 때뿐입니다. 무작위 평면(필터 정규화한 두 가우스 방향)은 실행들이 어디로 갔는지가 아니라 시작점 주변에서 무엇을 보았는지를 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>NetViews</name>
    <message>
        <source>Could not compute the loss landscape: {error}</source>
        <translation>손실 지형을 계산하지 못했습니다: {error}</translation>
    </message>
    <message>
        <source>plane direction 1 (not fitted yet)</source>
        <translation>평면 방향 1 (아직 맞추지 않음)</translation>
    </message>
    <message>
        <source>plane direction 2</source>
        <translation>평면 방향 2</translation>
    </message>
    <message>
        <source>random direction 1 (filter-normalised)</source>
        <translation>무작위 방향 1 (필터 정규화)</translation>
    </message>
    <message>
        <source>random direction 2 (filter-normalised)</source>
        <translation>무작위 방향 2 (필터 정규화)</translation>
    </message>
    <message>
        <source>PC1: {percent} % of the paths&apos; spread</source>
        <translation>주성분 1: 경로 분산의 {percent} %</translation>
    </message>
    <message>
        <source>PC2: {percent} %</source>
        <translation>주성분 2: {percent} %</translation>
    </message>
</context>
</TS>
