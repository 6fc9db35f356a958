// The container artifacts in the outputs of docker/build-push-action (`metadata`, also
// docker/bake-action's per-target form) and docker/metadata-action (`json`), taken as
// they are. SEI links a CI run to a deployment by (location, name, qualifier) and hash,
// so the same output on the build job and the deploy job gives the same artifact.

/** An artifact of the `artifacts` input, as SEI's payload takes it. */
export interface ArtifactInput {
  type: string
  name: string
  location?: string
  qualifier?: string
  hash?: string
  metadata?: Record<string, unknown>
}

const DIGEST_KEY = 'containerimage.digest'
const NAME_KEY = 'image.name'

interface ImageRef {
  repository: string
  tag?: string
}

/** `registry:5000/team/api:1.2@sha256:...` → repository `registry:5000/team/api`, tag `1.2`. */
export function parseImageRef(ref: string): ImageRef {
  const withoutDigest = ref.split('@')[0]!
  const colon = withoutDigest.lastIndexOf(':')
  if (colon > withoutDigest.lastIndexOf('/')) {
    return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) }
  }
  return { repository: withoutDigest }
}

/** Tags grouped by repository, in first-seen order. */
function byRepository(refs: readonly string[]): Map<string, string[]> {
  const images = new Map<string, string[]>()
  for (const ref of refs) {
    const { repository, tag } = parseImageRef(ref.trim())
    if (!repository) continue
    const tags = images.get(repository) ?? []
    if (tag && !tags.includes(tag)) tags.push(tag)
    images.set(repository, tags)
  }
  return images
}

function container(repository: string, tags: string[], digest?: string): ArtifactInput {
  return {
    type: 'container',
    name: repository,
    location: repository,
    ...(digest ? { qualifier: digest, hash: digest } : tags[0] ? { qualifier: tags[0] } : {}),
    ...(tags.length > 0 ? { metadata: { tags: tags.join(',') } } : {})
  }
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function isBuildMetadata(value: unknown): boolean {
  return isObject(value) && (DIGEST_KEY in value || NAME_KEY in value)
}

function fromBuild(metadata: Json): ArtifactInput[] {
  const names = typeof metadata[NAME_KEY] === 'string' ? metadata[NAME_KEY].split(',') : []
  const digest = typeof metadata[DIGEST_KEY] === 'string' ? metadata[DIGEST_KEY] : undefined
  return [...byRepository(names)].map(([repository, tags]) => container(repository, tags, digest))
}

/**
 * The artifacts in one of Docker's outputs; undefined when the object is none of them.
 * metadata-action runs before the build, so it knows tags but no digest: its artifacts
 * are qualified by their first tag.
 */
export function dockerArtifacts(value: Json): ArtifactInput[] | undefined {
  if (isBuildMetadata(value)) return fromBuild(value)
  const targets = Object.values(value)
  if (targets.length > 0 && targets.every(isBuildMetadata)) {
    return (targets as Json[]).flatMap(fromBuild)
  }
  const tags = value.tags
  if (Array.isArray(tags) && tags.every((tag) => typeof tag === 'string')) {
    return [...byRepository(tags)].map(([repository, list]) => container(repository, list))
  }
  return undefined
}
