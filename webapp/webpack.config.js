// Builds dist/main.js, the bundle Mattermost serves to browsers as the plugin's webapp.
// React and ReactDOM come from the host page (window.React / window.ReactDOM): bundling our
// own copy would give two Reacts, and hooks break across them.
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default (env, argv) => {
    const production = argv.mode !== 'development';
    return {
        entry: './src/index.tsx',
        mode: production ? 'production' : 'development',
        // eval-based source maps would trip a strict CSP; a separate map file is harmless.
        devtool: production ? false : 'source-map',
        resolve: {
            extensions: ['.ts', '.tsx', '.js'],
        },
        module: {
            rules: [
                {
                    test: /\.tsx?$/,
                    exclude: /node_modules/,
                    use: {
                        loader: 'ts-loader',
                        // Type errors are reported by `npm run check-types`; the build only transpiles.
                        options: {transpileOnly: true, compilerOptions: {sourceMap: !production}},
                    },
                },
            ],
        },
        externals: {
            react: 'React',
            'react-dom': 'ReactDOM',
        },
        output: {
            path: path.join(here, 'dist'),
            filename: 'main.js',
            devtoolNamespace: 'concierge',
            clean: true,
        },
        performance: {hints: false},
    };
};
