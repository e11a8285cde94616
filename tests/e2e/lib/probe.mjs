// The script every test page gets before its own code runs, in Chromium and Firefox alike. It
// records, in wall-clock ms (so two pages' times can be compared), when #start is clicked and
// every frame #remote-video presents. Frames are counted with requestVideoFrameCallback because
// Firefox's getVideoPlaybackQuality() stays at 0 for live streams; the same counter in both
// engines keeps the assertions identical.
export const PAGE_PROBE = `
  (() => {
    const now = () => performance.timeOrigin + performance.now();
    const KEEP = 6000;  // frame times kept: minutes at 30 fps, enough for any window a test asks about
    const times = [];
    const e2e = window.__e2e = {
      clickAt: null, firstFrameAt: null, frameCount: 0,
      // Frames presented after wall-clock time t (ms).
      framesAfter: (t) => times.filter((x) => x > t).length,
      // Longest stretch in [from, to] with no presented frame: the freeze a person would see.
      maxGap: (from, to) => {
        let last = from, gap = 0;
        for (const x of times) {
          if (x <= from || x > to) continue;
          gap = Math.max(gap, x - last);
          last = x;
        }
        return Math.max(gap, to - last);
      },
    };
    document.addEventListener('click', (e) => {
      if (e.target && e.target.id === 'start' && e2e.clickAt === null) e2e.clickAt = now();
    }, true);
    let video = null, handle = 0, lastAt = 0;
    const onFrame = () => {
      const t = now();
      if (e2e.firstFrameAt === null) e2e.firstFrameAt = t;
      e2e.frameCount += 1;
      lastAt = t;
      times.push(t);
      if (times.length > KEEP) times.splice(0, times.length - KEEP);
      handle = video.requestVideoFrameCallback(onFrame);
    };
    // Re-arms the callback when no frame came for a while: a callback left pending across a
    // srcObject change may never fire in one engine or the other, and a lost counter would read
    // as a frozen call.
    const rearm = () => {
      if (!video || now() - lastAt < 1000) return;
      video.cancelVideoFrameCallback(handle);
      handle = video.requestVideoFrameCallback(onFrame);
    };
    const watch = () => {
      video = document.getElementById('remote-video');
      if (!video) return setTimeout(watch, 5);
      handle = video.requestVideoFrameCallback(onFrame);
      setInterval(rearm, 500);
    };
    document.addEventListener('DOMContentLoaded', watch);
  })();`;
