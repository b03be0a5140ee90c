<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Declarations</name>
    <message>
        <source>step</source>
        <translation>계단식</translation>
    </message>
    <message>
        <source>Steps between two decays of η.</source>
        <translation>η를 두 번 감쇠하는 사이의 스텝 수입니다.</translation>
    </message>
    <message>
        <source>Multiplies η by γ every step_size steps.</source>
        <translation>step_size 스텝마다 η에 γ를 곱합니다.</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>지수</translation>
    </message>
    <message>
        <source>Multiplies η by γ at every step.</source>
        <translation>스텝마다 η에 γ를 곱합니다.</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>코사인</translation>
    </message>
    <message>
        <source>Steps from η down to eta_min (then held there). A scene&apos;s default is its steps.</source>
        <translation>η에서 eta_min까지 내려가는 스텝 수입니다 (그 뒤로는 유지). 장면에서의 기본값은 장면의 스텝 수입니다.</translation>
    </message>
    <message>
        <source>The learning rate reached after t_max steps.</source>
        <translation>t_max 스텝 뒤에 도달하는 학습률입니다.</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>선형</translation>
    </message>
    <message>
        <source>η is multiplied by this at the first step.</source>
        <translation>첫 스텝에서 η에 이 값을 곱합니다.</translation>
    </message>
    <message>
        <source>η is multiplied by this from total_iters steps on.</source>
        <translation>total_iters 스텝부터 η에 이 값을 곱합니다.</translation>
    </message>
    <message>
        <source>Steps over which the factor goes from start_factor to end_factor.</source>
        <translation>배율이 start_factor에서 end_factor로 바뀌는 데 걸리는 스텝 수입니다.</translation>
    </message>
    <message>
        <source>warmup steps</source>
        <translation>워밍업 스텝 수</translation>
    </message>
    <message>
        <source>Warmup steps: η grows linearly over them, then the schedule starts (0: no warmup).</source>
        <translation>워밍업 스텝 수: 이 동안 η가 선형으로 커진 뒤 스케줄이 시작됩니다 (0: 워밍업 없음).</translation>
    </message>
    <message>
        <source>warmup start_factor</source>
        <translation>워밍업 start_factor</translation>
    </message>
    <message>
        <source>The warmup&apos;s first step uses η·s.</source>
        <translation>워밍업의 첫 스텝은 η·s를 씁니다.</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>{type} schedule after {n} warmup steps</source>
        <translation>{type} 스케줄 ({n} 스텝 워밍업 후)</translation>
    </message>
    <message>
        <source>{type} schedule</source>
        <translation>{type} 스케줄</translation>
    </message>
    <message>
        <source>{where}: expected an object such as {{&quot;type&quot;: &quot;cosine&quot;}}, got {value}</source>
        <translation>{where}: {{&quot;type&quot;: &quot;cosine&quot;}} 같은 객체가 필요한데 {value}입니다</translation>
    </message>
    <message>
        <source>{where}: missing key &apos;type&apos; (known types: {known})</source>
        <translation>{where}: &apos;type&apos; 키가 없습니다 (가능한 종류: {known})</translation>
    </message>
    <message>
        <source>{at}type: unknown schedule {kind} (known: {known})</source>
        <translation>{at}type: 알 수 없는 스케줄 {kind} (가능한 값: {known})</translation>
    </message>
    <message>
        <source>{at}{key}: unknown key for a {kind} schedule (known: {known})</source>
        <translation>{at}{key}: {kind} 스케줄에 없는 키 (가능한 키: {known})</translation>
    </message>
    <message>
        <source>{at}warmup: expected an object such as {{&quot;steps&quot;: 5, &quot;start_factor&quot;: 0.1}}, got {value}</source>
        <translation>{at}warmup: {{&quot;steps&quot;: 5, &quot;start_factor&quot;: 0.1}} 같은 객체가 필요한데 {value}입니다</translation>
    </message>
    <message>
        <source>{at}warmup.{key}: unknown key (known: {known})</source>
        <translation>{at}warmup.{key}: 알 수 없는 키 (가능한 키: {known})</translation>
    </message>
</context>
</TS>
