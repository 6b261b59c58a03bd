// Applies the @nestjs/swagger CLI plugin under ts-jest, so the API docs in tests match `nest build`.
const transformer = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 3;
// The options are nest-cli.json's, read from there so the two cannot drift apart.
const [plugin] = require('../../nest-cli.json').compilerOptions.plugins;
module.exports.factory = (cs) => transformer.before(plugin.options, cs.program);
