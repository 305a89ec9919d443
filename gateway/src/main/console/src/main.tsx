import { render } from 'preact';

render(<main><h1>平安工作台</h1></main>, document.getElementById('app')!);
