// Stands in for stylesheets imported by the dashboard's components under jest.
module.exports = {};
