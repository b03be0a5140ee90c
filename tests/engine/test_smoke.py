from engine import DEFAULT_SCENE, load_scene


def test_default_scene_runs_30_steps():
    snap = load_scene(DEFAULT_SCENE).build_session().step(30)
    assert snap.step == 30
    assert all(r.diverged_at is None and r.loss < 0.2 for r in snap.runs)
