import { InputError, parseArtifacts, parseParams, parseThemes } from '../../src/inputs.js'

function errorOf(parse: () => unknown): string {
  try {
    parse()
  } catch (cause) {
    expect(cause).toBeInstanceOf(InputError)
    return (cause as Error).message
  }
  throw new Error('expected an InputError')
}

const IMAGE =
  'type=container,name=ghcr.io/acme/api,location=ghcr.io/acme/api,qualifier=sha256:9b2c41d07e'

describe('the artifacts input', () => {
  it('reads one artifact a line, skipping blank and comment lines', () => {
    expect(parseArtifacts(`# images\n${IMAGE},hash=9b2c41d07e\n\ntype=jar,name=api.jar`)).toEqual([
      {
        type: 'container',
        name: 'ghcr.io/acme/api',
        location: 'ghcr.io/acme/api',
        qualifier: 'sha256:9b2c41d07e',
        hash: '9b2c41d07e'
      },
      { type: 'jar', name: 'api.jar' }
    ])
  })

  it('names the line as the user sees it, counting blank and comment lines', () => {
    expect(
      errorOf(() => parseArtifacts(`# images\n${IMAGE}\n\ntype=container,ghcr.io/acme/web`))
    ).toBe(
      'Input "artifacts", line 4 ("type=container,ghcr.io/acme/web"): "ghcr.io/acme/web" is not key=value; write the artifact as type=container,name=...,location=...,qualifier=... (one per line).'
    )
    expect(
      errorOf(() => parseArtifacts(`${IMAGE}\ntype=container,location=ghcr.io/acme/web`))
    ).toBe(
      'Input "artifacts", line 2 ("type=container,location=ghcr.io/acme/web"): "name" is missing; every artifact needs a type and a name.'
    )
    expect(errorOf(() => parseArtifacts('type=container,name=a,digest=sha256:1'))).toBe(
      'Input "artifacts", line 1 ("type=container,name=a,digest=sha256:1"): unknown key "digest"; use type, name, location, qualifier, hash.'
    )
  })

  it('takes a JSON array of SEI artifact objects, naming a wrong item', () => {
    expect(
      parseArtifacts('[{"type":"container","name":"ghcr.io/acme/api","metadata":{"tag":"v1"}}]')
    ).toEqual([{ type: 'container', name: 'ghcr.io/acme/api', metadata: { tag: 'v1' } }])
    expect(errorOf(() => parseArtifacts('[{"type":"container","name":"a"}, "b"]'))).toBe(
      'Input "artifacts", item 2 is not an object with type, name, location and qualifier.'
    )
  })
})

describe('the params and themes inputs', () => {
  it('reads name=value lines, keeping = inside values, and names a wrong line', () => {
    expect(parseParams('region=eu-west-1\n\nflags=a=b')).toEqual([
      { name: 'region', value: 'eu-west-1' },
      { name: 'flags', value: 'a=b' }
    ])
    expect(errorOf(() => parseParams('region=eu-west-1\n# tier\ncanary'))).toBe(
      'Input "params", line 3 ("canary") is not name=value: write one name=value per line.'
    )
  })

  it('splits themes on commas and lines, once each', () => {
    expect(parseThemes('payments, checkout\nplatform,payments')).toEqual([
      'payments',
      'checkout',
      'platform'
    ])
  })
})
