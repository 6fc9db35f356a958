export { CLI } from '../invocation.js'
