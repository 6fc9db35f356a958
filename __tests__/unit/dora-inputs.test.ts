// The environment input, Docker's outputs as artifacts, and the 32-bit limit of trigger links.
import { dockerArtifacts, parseImageRef } from '../../src/inputs/artifacts.js'
import { InputError, parseArtifacts, parseEnvironment } from '../../src/inputs.js'
import { MAX_LINKED_BUILD_NUMBER } from '../../src/mapping/identity.js'
import { triggerChain, triggerNotice } from '../../src/mapping/trigger.js'
import { runInfo } from '../fixtures/github.js'

describe('environment', () => {
  it('is one name; with cd: false it is refused, naming both inputs', () => {
    expect(parseEnvironment('', 'auto')).toBeUndefined()
    expect(parseEnvironment('production', 'true')).toBe('production')
    expect(() => parseEnvironment('production', 'false')).toThrow(
      new InputError(
        'Input "environment" is "production", which reports a deployment, but cd is false: remove one of the two.'
      )
    )
    expect(() => parseEnvironment('a\nb', 'auto')).toThrow(
      'Input "environment" must be one environment name of at most 255 characters on one line.'
    )
  })
})

describe('artifacts from the Docker actions', () => {
  const digest = 'sha256:' + 'ab'.repeat(32)

  it('image references split into repository and tag, registry ports and digests included', () => {
    expect(parseImageRef('localhost:5000/team/api:1.2')).toEqual({
      repository: 'localhost:5000/team/api',
      tag: '1.2'
    })
    expect(parseImageRef('localhost:5000/team/api')).toEqual({
      repository: 'localhost:5000/team/api'
    })
    expect(parseImageRef(`ghcr.io/acme/api@${digest}`)).toEqual({ repository: 'ghcr.io/acme/api' })
  })

  it('build-push-action metadata: one container per image, its digest as qualifier and hash', () => {
    const metadata = {
      'containerimage.digest': digest,
      'image.name': 'ghcr.io/acme/api:main,docker.io/acme/api:main,ghcr.io/acme/api:v1'
    }
    expect(parseArtifacts(JSON.stringify(metadata))).toEqual([
      {
        type: 'container',
        name: 'ghcr.io/acme/api',
        location: 'ghcr.io/acme/api',
        qualifier: digest,
        hash: digest,
        metadata: { tags: 'main,v1' }
      },
      {
        type: 'container',
        name: 'docker.io/acme/api',
        location: 'docker.io/acme/api',
        qualifier: digest,
        hash: digest,
        metadata: { tags: 'main' }
      }
    ])
  })

  it('bake-action metadata, one object per target, gives each target its image', () => {
    const artifacts = dockerArtifacts({
      api: { 'containerimage.digest': digest, 'image.name': 'ghcr.io/acme/api:main' },
      web: {
        'containerimage.digest': 'sha256:' + 'cd'.repeat(32),
        'image.name': 'ghcr.io/acme/web:main'
      }
    })
    expect(artifacts?.map((a) => [a.name, a.qualifier])).toEqual([
      ['ghcr.io/acme/api', digest],
      ['ghcr.io/acme/web', 'sha256:' + 'cd'.repeat(32)]
    ])
  })

  it('metadata-action json, which comes before any digest exists: qualified by the first tag', () => {
    const json = {
      tags: ['ghcr.io/acme/api:1.4.0', 'ghcr.io/acme/api:1.4', 'ghcr.io/acme/api:latest'],
      labels: { 'org.opencontainers.image.version': '1.4.0' },
      annotations: []
    }
    expect(parseArtifacts(JSON.stringify(json))).toEqual([
      {
        type: 'container',
        name: 'ghcr.io/acme/api',
        location: 'ghcr.io/acme/api',
        qualifier: '1.4.0',
        metadata: { tags: '1.4.0,1.4,latest' }
      }
    ])
  })

  it('any other JSON object is still refused', () => {
    expect(() => parseArtifacts('{"type": "container", "name": "api"}')).toThrow(
      'Input "artifacts" is JSON but not an array: wrap the artifact objects in [ ].'
    )
  })
})

describe('UpstreamCause job_run_number fits a 32-bit integer', () => {
  const upstream = (runNumber: number, attempt: number) =>
    runInfo({
      eventName: 'workflow_run',
      event: { workflow_run: { name: 'CI', run_number: runNumber, run_attempt: attempt } }
    })

  it('the last run number that fits links; the next is sent as the user, with a notice', () => {
    expect(triggerChain(upstream(2_147_483, 647))[0]).toEqual({
      id: 'octo-org/octo-repo/CI',
      type: 'UpstreamCause',
      job_run_number: MAX_LINKED_BUILD_NUMBER
    })
    expect(triggerNotice(upstream(2_147_483, 647))).toBeUndefined()
    const past = upstream(2_147_483, 648)
    expect(triggerChain(past)[0]!.type).toBe('UserIdCause')
    expect(triggerNotice(past)).toBe(
      "The upstream run's build number 2147483648 is past the largest SEI can link a trigger to (2147483647), so the trigger is sent as the user who started it, without a link to octo-org/octo-repo/CI."
    )
  })
})
