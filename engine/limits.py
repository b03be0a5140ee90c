"""The app's shared limits, each typed once: what a scene, the command line, the window and the views accept."""

MAX_STEPS = 10_000_000  # a scene's "steps", --steps, the toolbar's "stop at"
MAX_RUNS = 64  # optimizers in a scene
MAX_STEPS_PER_FRAME = 100_000  # a scene's "steps_per_frame" and the toolbar's steps/frame box
SEED_MIN, SEED_MAX = 0, 2**32 - 1  # a scene's seed and a data set's seed (numpy's SeedSequence takes any of them)
MAX_SAMPLES = 5_000_000  # rows of a data set (CSV or synthetic), and so the largest batch size
MIN_WIDTH, MAX_WIDTH = 300, 8000  # an exported PNG's width in pixels (dialog and --width)
MAX_TRACED_STEPS = 200_000  # the Explain dock's state history
MAX_DRAWN_POINTS = 2000  # per curve: longer ones are decimated for drawing (the data is kept whole); ~3 a pixel
STATE_POINTS = 600  # per curve in the (narrow) state plot: longer histories are decimated for drawing
NESTEROV_POINTS = 300  # dotted segments linking the two Nesterov forms
MAX_MAP_COUNT = 1024  # values on a sweep axis, and starts along each side of a basin grid
MAX_NET_LAYERS = 16  # hidden layers of an mlp objective
MAX_NET_WIDTH = 4096  # units in one hidden layer
MAX_NET_PARAMS = 2_000_000  # parameters θ of one network (16 MB a run in float64)
NET_WINDOW_EVERY = 20  # the window's network race records its full-data loss every this many steps (a pass over the data per run)
NET_SNAPSHOTS = 64  # θ of every run kept at at most this many steps (the landscape plane's paths), thinned as they grow
MAX_EVERY = MAX_STEPS  # --every K and a network session's full-data loss interval
MAX_FPS = 50  # an animated export's frames per second (GIF delays are whole hundredths; viewers slow < 20 ms ones)
MAX_ANIMATION_PIXELS = 400_000_000  # frames × width × height of one animated export (its frames are held to encode)
