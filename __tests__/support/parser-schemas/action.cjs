// GitHub's workflow parser imports its action schema as JSON without an import
// attribute, which Jest warns about on every run; jest.config.js maps that import here.
module.exports = require('../../../node_modules/@actions/workflow-parser/dist/action-v1.0.min.json')
