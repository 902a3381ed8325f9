// Preloaded (`node -r`) into a process under test to move its clock by TEST_CLOCK_SHIFT_MS,
// the way a host whose NTP broke drifts; the database's clock stays true.
const shift = Number(process.env.TEST_CLOCK_SHIFT_MS ?? 0);
const realNow = Date.now;
Date.now = () => realNow() + shift;
