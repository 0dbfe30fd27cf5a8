// Writes the FSRS reference vectors that tests/test-fsrs.c replays.
//
// Every sequence starts from a new card and reviews it up to ~20 times with
// ts-fsrs (the version pinned in package.json), recording after each review
// the card ts-fsrs returns. Grades and review times come from a seeded
// generator, so running this again gives the same files.
//
//   cd tests/fsrs && npm ci && node make-vectors.mjs [OUTPUT_DIR]
//
// OUTPUT_DIR defaults to ../fixtures/fsrs next to this script.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createEmptyCard,
  default_w,
  fsrs,
  generatorParameters,
  Rating,
  State,
} from 'ts-fsrs'

const here = dirname(fileURLToPath(import.meta.url))
const outDir = process.argv[2] ?? join(here, '..', 'fixtures', 'fsrs')
const tsFsrsVersion = JSON.parse(
  readFileSync(join(here, 'node_modules', 'ts-fsrs', 'package.json'), 'utf8')
).version

// mulberry32: small, seedable, and the same on every machine.
function makeRng(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  }
}

const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
const GRADE_NAMES = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' }
const STATE_NAMES = ['new', 'learning', 'review', 'relearning']
const DAY = 86400

const COLUMNS = [
  'now',
  'grade',
  'elapsed_days',
  'retrievability',
  'state',
  'due',
  'stability',
  'difficulty',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
]

const minutes = (step) => {
  const value = parseInt(step.slice(0, -1), 10)
  return { m: 1, h: 60, d: 1440 }[step.slice(-1)] * value
}

// A review time after the previous one: mostly around the due time, but
// also early (often the same day), late, very late, and within minutes.
function nextReviewTime(rng, card, lastNow, style) {
  const due = card.due.getTime() / 1000
  const interval = Math.max(60, due - lastNow)
  let roll = rng.next()
  if (style === 'early') roll = roll < 0.6 ? 0.5 : roll
  if (style === 'late') roll = roll < 0.6 ? 0.8 : roll
  let now
  if (roll < 0.4) now = due + rng.int(0, 3600)
  else if (roll < 0.6) now = lastNow + 1 + Math.floor(rng.next() * interval)
  else if (roll < 0.7) now = lastNow + rng.int(1, 180)
  else if (roll < 0.9) now = due + Math.floor(rng.next() * interval * 3) + rng.int(0, DAY)
  else now = due + rng.int(30, 900) * DAY + rng.int(0, DAY)
  return Math.max(lastNow + 1, Math.floor(now))
}

function runSequence(rng, name, paramsDesc, plan) {
  const params = generatorParameters({
    request_retention: paramsDesc.retention,
    maximum_interval: paramsDesc.maximum_interval,
    enable_fuzz: paramsDesc.fuzz,
    enable_short_term: true,
    learning_steps: paramsDesc.learning_steps_units,
    relearning_steps: paramsDesc.relearning_steps_units,
    w: paramsDesc.w ?? [...default_w],
  })
  const scheduler = fsrs(params)
  // Whole seconds: the C scheduler counts time in Unix seconds.
  const start = rng.int(1577836800, 1893456000) // 2020 to 2030
  let card = createEmptyCard(new Date(start * 1000))
  let now = start
  const steps = []
  for (let i = 0; i < plan.length; i++) {
    if (i > 0) now = nextReviewTime(rng, card, now, plan[i].style)
    const grade = plan[i].grade(card)
    const date = new Date(now * 1000)
    const retrievability = scheduler.get_retrievability(card, date, false)
    const { card: next, log } = scheduler.next(card, date, grade)
    steps.push([
      now,
      GRADE_NAMES[grade],
      log.elapsed_days,
      retrievability,
      STATE_NAMES[next.state],
      next.due.getTime() / 1000,
      next.stability,
      next.difficulty,
      next.scheduled_days,
      next.learning_steps,
      next.reps,
      next.lapses,
    ])
    card = next
  }
  const out = {
    name,
    params: {
      retention: paramsDesc.retention,
      maximum_interval: paramsDesc.maximum_interval,
      fuzz: paramsDesc.fuzz,
      learning_steps: paramsDesc.learning_steps_units.map(minutes),
      relearning_steps: paramsDesc.relearning_steps_units.map(minutes),
    },
    start,
    steps,
  }
  if (paramsDesc.w) out.params.w = paramsDesc.w
  return out
}

const fixed = (g) => ({ grade: () => g })
const randomGrade = (rng, weights) => ({
  grade: () => {
    let x = rng.next() * weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < 4; i++) {
      if ((x -= weights[i]) < 0) return GRADES[i]
    }
    return Rating.Easy
  },
})

// Grades that bring a new card into STATE before the graded review.
const PREFIX = {
  [State.New]: [],
  [State.Learning]: [Rating.Again],
  [State.Review]: [Rating.Easy, Rating.Good],
  [State.Relearning]: [Rating.Easy, Rating.Good, Rating.Again],
}

function sequencesFor(rng, paramsDesc, label, counts) {
  const list = []
  const withStyle = (entry, style) => ({ ...entry, style })
  for (let t = 0; t < (counts.targeted ?? 1); t++) {
    for (const state of [State.New, State.Learning, State.Review, State.Relearning]) {
      for (const g of GRADES) {
        const plan = PREFIX[state].map(fixed)
        plan.push(fixed(g))
        const tail = rng.int(2, 8)
        for (let i = 0; i < tail; i++) plan.push(randomGrade(rng, [1, 1, 1, 1]))
        list.push(
          runSequence(rng, `${label}/from-${STATE_NAMES[state]}-${GRADE_NAMES[g]}-${t}`, paramsDesc, plan)
        )
      }
    }
  }
  for (let i = 0; i < (counts.random ?? 0); i++) {
    const len = rng.int(5, 20)
    const plan = Array.from({ length: len }, () => randomGrade(rng, [1, 1, 1, 1]))
    list.push(runSequence(rng, `${label}/random-${i}`, paramsDesc, plan))
  }
  for (let i = 0; i < (counts.good ?? 0); i++) {
    const len = rng.int(12, 20)
    const plan = Array.from({ length: len }, () => randomGrade(rng, [1, 1, 8, 1]))
    list.push(runSequence(rng, `${label}/mostly-good-${i}`, paramsDesc, plan))
  }
  for (let i = 0; i < (counts.again ?? 0); i++) {
    const plan = []
    const ups = rng.int(1, 6)
    for (let j = 0; j < ups; j++) plan.push(fixed(rng.pick([Rating.Good, Rating.Easy])))
    const run = rng.int(8, 14)
    for (let j = 0; j < run; j++) plan.push(fixed(Rating.Again))
    while (plan.length < 20) plan.push(randomGrade(rng, [1, 1, 3, 1]))
    list.push(runSequence(rng, `${label}/again-run-${i}`, paramsDesc, plan))
  }
  for (const style of ['early', 'late']) {
    for (let i = 0; i < (counts.timing ?? 0); i++) {
      const len = rng.int(8, 18)
      const plan = Array.from({ length: len }, () =>
        withStyle(randomGrade(rng, [1, 1, 3, 1]), style)
      )
      list.push(runSequence(rng, `${label}/${style}-${i}`, paramsDesc, plan))
    }
  }
  return list
}

const baseParams = {
  maximum_interval: 36500,
  fuzz: false,
  learning_steps_units: ['1m', '10m'],
  relearning_steps_units: ['10m'],
}

function writeFixture(file, description, sequences) {
  const doc = {
    description,
    generator: `ts-fsrs ${tsFsrsVersion} via tests/fsrs/make-vectors.mjs`,
    columns: COLUMNS,
    sequences,
  }
  const text = JSON.stringify(doc) + '\n'
  writeFileSync(join(outDir, file), text)
  const steps = sequences.reduce((n, s) => n + s.steps.length, 0)
  console.log(`${file}: ${sequences.length} sequences, ${steps} steps, ${text.length} bytes`)
}

mkdirSync(outDir, { recursive: true })

{
  const rng = makeRng(20240601)
  const sequences = []
  for (const retention of [0.7, 0.8, 0.9, 0.95, 0.99]) {
    sequences.push(
      ...sequencesFor(rng, { ...baseParams, retention }, `r${retention}`, {
        targeted: 1,
        random: 24,
        good: 10,
        again: 6,
        timing: 5,
      })
    )
  }
  writeFixture(
    'vectors.json',
    'Default weights, steps 1m 10m, relearning 10m, maximum interval 36500, no fuzz',
    sequences
  )
}

{
  const rng = makeRng(777)
  const sequences = []
  for (const retention of [0.8, 0.9]) {
    sequences.push(
      ...sequencesFor(rng, { ...baseParams, retention, fuzz: true }, `fuzz-r${retention}`, {
        targeted: 0,
        random: 15,
        good: 20,
        again: 3,
        timing: 3,
      })
    )
  }
  sequences.push(
    ...sequencesFor(
      rng,
      { ...baseParams, retention: 0.9, fuzz: true, maximum_interval: 60 },
      'fuzz-max60',
      { targeted: 0, random: 5, good: 8 }
    )
  )
  writeFixture('vectors-fuzz.json', 'As vectors.json, with interval fuzz on', sequences)
}

{
  const rng = makeRng(4242)
  const sequences = []
  const configs = [
    ['no-steps', { learning_steps_units: [], relearning_steps_units: [] }],
    ['one-step', { learning_steps_units: ['5m'], relearning_steps_units: ['10m', '1h'] }],
    ['day-steps', { learning_steps_units: ['1m', '10m', '1h', '1d'], relearning_steps_units: ['30m', '2d'] }],
    ['max30', { maximum_interval: 30 }],
  ]
  for (const [label, extra] of configs) {
    sequences.push(
      ...sequencesFor(rng, { ...baseParams, retention: 0.9, ...extra }, label, {
        targeted: 0,
        random: 8,
        good: 6,
        again: 2,
      })
    )
  }
  // Weights other than the defaults, some outside the ranges FSRS clamps
  // them to, so the C side must clip them the same way.
  for (let k = 0; k < 4; k++) {
    const w = default_w.map((x) => +(x * (0.7 + 0.6 * rng.next())).toFixed(4))
    if (k === 1) w[7] = 0.9
    if (k === 2) {
      w[0] = 0.05
      w[16] = 0.5
    }
    if (k === 3) w[20] = 0.9
    sequences.push(
      ...sequencesFor(rng, { ...baseParams, retention: 0.85, w }, `weights-${k}`, {
        targeted: 0,
        random: 6,
        good: 4,
      })
    )
  }
  writeFixture(
    'vectors-options.json',
    'Other learning steps, a low maximum interval, and other weights; no fuzz',
    sequences
  )
}
