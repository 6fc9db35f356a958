// How a user runs this package's command line from anywhere: straight from the
// repository's v1 tag (the package is not published to a registry).
export const CLI = 'npx github:sei-cicd-action/sei-cicd-action#v1'

/** The environment variable the CLI reads the SEI API key from by default. */
export const DEFAULT_KEY_ENV = 'SEI_API_KEY'
