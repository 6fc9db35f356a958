// What the main step hands the post step. Never the key: the post step reads the
// inputs again (the runner evaluates them again for the post stage).
import { getState, saveState } from '../runner.js'

export const STATE_KEY = 'sei'

export interface MainState {
  /** Why the post step must do nothing; already told to the user by the main step. */
  skip?: string
}

export function saveMainState(state: MainState, env: NodeJS.ProcessEnv = process.env): void {
  saveState(STATE_KEY, JSON.stringify(state), env)
}

export function loadMainState(env: NodeJS.ProcessEnv = process.env): MainState | undefined {
  const raw = getState(STATE_KEY, env)
  if (!raw) return undefined
  try {
    return JSON.parse(raw) as MainState
  } catch {
    return undefined
  }
}
