// The masking of secrets in what the action prints, and which parts of a proxy URL
// count as secrets.
import { proxySecrets } from '../../src/http/transport.js'
import { addSecret as setSecret, maskText as redact, maskValues } from '../../src/secrets.js'

describe('redact', () => {
  it('leaves text alone while no secret is registered', () => {
    expect(redact('api key abc123 is not valid')).toBe('api key abc123 is not valid')
  })

  it('replaces every occurrence of each registered secret with ***', () => {
    setSecret('k3y-Alpha-91')
    setSecret('ghs_tok3nBeta')
    expect(redact('k3y-Alpha-91 and k3y-Alpha-91k3y-Alpha-91, then Bearer ghs_tok3nBeta.')).toBe(
      '*** and ******, then Bearer ***.'
    )
    expect(redact('{"authorization":"ApiKey k3y-Alpha-91"}')).toBe('{"authorization":"ApiKey ***"}')
  })

  it('ignores an empty secret instead of masking between every character', () => {
    setSecret('')
    expect(redact('abc')).toBe('abc')
  })

  it('masks a secret that spans lines and special characters as written', () => {
    setSecret('p%4$s\nw(0)rd')
    expect(redact('before p%4$s\nw(0)rd after')).toBe('before *** after')
    expect(redact('p%4$s w(0)rd')).toBe('p%4$s w(0)rd')
  })

  // Replaced in the order of registration, the shorter secret would leave "***-tail".
  it('masks the whole of a secret that contains a shorter one', () => {
    setSecret('0v3rlap')
    setSecret('0v3rlap-tail')
    expect(redact('proxy password 0v3rlap-tail')).toBe('proxy password ***')
  })
})

describe('proxySecrets', () => {
  it('is empty without proxy variables, or with proxies that carry no password', () => {
    expect(proxySecrets({})).toEqual([])
    expect(
      proxySecrets({
        HTTPS_PROXY: 'http://proxy.corp.example:3128',
        HTTP_PROXY: 'http://user@proxy.corp.example:3128',
        NO_PROXY: 'http://user:not-a-proxy@example'
      })
    ).toEqual([])
  })

  it('finds the password of each of the four variables', () => {
    const found = proxySecrets({
      HTTPS_PROXY: 'http://a:pw-one@proxy:3128',
      https_proxy: 'http://b:pw-two@proxy:3128',
      HTTP_PROXY: 'https://c:pw-three@proxy:8443',
      http_proxy: 'http://d:pw-four@proxy:3128'
    })
    expect(new Set(found)).toEqual(new Set(['pw-one', 'pw-two', 'pw-three', 'pw-four']))
  })

  it('masks a URL-encoded password both as written and decoded', () => {
    const found = proxySecrets({ HTTPS_PROXY: 'http://svc:p%40ss%3Aw0rd%2F1@proxy:3128' })
    expect(new Set(found)).toEqual(new Set(['p%40ss%3Aw0rd%2F1', 'p@ss:w0rd/1']))
  })

  it('skips a variable that is not a URL and reads the others', () => {
    const found = proxySecrets({ HTTPS_PROXY: '::not a url::', HTTP_PROXY: 'http://u:s3cret@p:1' })
    expect(found).toContain('s3cret')
  })

  // A lone "%" (not a %XX escape) cannot be decoded; the password as written still counts.
  it('still masks a password whose "%" is not an escape', () => {
    expect(proxySecrets({ HTTPS_PROXY: 'http://u:50%off@proxy:3128' })).toContain('50%off')
  })
})

describe('masking every form the action writes', () => {
  it('masks a secret Markdown-, HTML-, JSON-, URL- and command-escaped, and one form inside another', () => {
    setSecret('k_y&<1>"%z-Secret')
    for (const form of [
      'k\\_y&amp;&lt;1&gt;&quot;%z-Secret',
      'k_y&amp;&lt;1&gt;"%z-Secret',
      'k_y&<1>\\"%z-Secret',
      encodeURIComponent('k_y&<1>"%z-Secret'),
      'k_y&<1>"%25z-Secret',
      'k_y&amp;&lt;1&gt;\\"%z-Secret'
    ]) {
      expect(redact(`before ${form} after`)).toBe('before *** after')
    }
  })

  // The masker builds a secret's forms only for a text that holds its longest run of
  // letters and digits: a secret with none, or with one of a single letter, still counts.
  it('masks a secret without letters or digits, and one whose only letter is short', () => {
    setSecret('%:&<>,')
    setSecret('((q))|')
    expect(redact('a %25%3A&amp;&lt;&gt;%2C b')).toBe('a *** b')
    expect(redact('c \\(\\(q\\)\\)\\| d')).toBe('c *** d')
    expect(redact(`e ${encodeURIComponent('((q))|')} f`)).toBe('e *** f')
    expect(redact('g (q) h')).toBe('g (q) h')
  })

  it('masks inside values and keeps the structure, so JSON stays JSON', () => {
    setSecret('v4lue-Secret-1')
    const masked = maskValues({ a: ['x v4lue-Secret-1 y', 3, null], 'v4lue-Secret-1': true })
    expect(masked).toEqual({ a: ['x *** y', 3, null], 'v4lue-Secret-1': true })
  })
})
